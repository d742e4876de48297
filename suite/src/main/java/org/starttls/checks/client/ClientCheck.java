package org.starttls.checks.client;

import java.util.ArrayList;
import java.util.List;
import org.starttls.cases.Check;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientCase;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Scenario;
import org.starttls.requirements.Requirement;

/**
 * A check of a client requirement: one judgement of what the client sent, applied under each scenario its requirement
 * file names ({@code @check NoTransactionWithoutTrustedTls STARTTLS_NOT_ADVERTISED STARTTLS_454}). Each scenario is one
 * case, named after the requirement and the scenario.
 */
public abstract class ClientCheck implements Check {

    @Override
    public final List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("name the scenarios the fake server plays for this check, e.g. REFERENCE");
        }
        List<ConformanceCase> cases = new ArrayList<>();
        for (String argument : arguments) {
            cases.add(new ClientCase(requirement, Scenario.byName(argument), getClass(), this::judge));
        }
        return cases;
    }

    /** The verdict on one session: FAIL only with the line that proves it. */
    protected abstract Outcome judge(ClientSession session);
}
