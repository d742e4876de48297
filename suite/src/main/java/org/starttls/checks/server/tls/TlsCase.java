package org.starttls.checks.server.tls;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.starttls.cases.CaseContext;
import org.starttls.cases.CaseResult;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.client.TlsFacts;
import org.starttls.requirements.Requirement;

/**
 * A TLS-level case: one judgement of one requirement, from probe connections or from the facts of the target's probe
 * session; the probes' transcripts are its evidence. A failure of the suite itself is INCONCLUSIVE, never PASS.
 */
final class TlsCase implements ConformanceCase {

    @FunctionalInterface
    interface Judge {
        Outcome judge(CaseContext context);
    }

    private final Requirement requirement;
    private final String description;
    private final String source;
    private final Judge judge;

    /** One case per requirement, named after it. */
    TlsCase(Requirement requirement, String description, Class<?> check, Judge judge) {
        this.requirement = requirement;
        this.description = description;
        this.source = description + "\n(Java check " + check.getName() + ")";
        this.judge = judge;
    }

    @Override
    public CaseResult run(CaseContext context) {
        long started = System.nanoTime();
        Outcome outcome;
        try {
            outcome = judge.judge(context);
        } catch (RuntimeException e) {
            outcome = Outcome.inconclusive("internal error in the suite: " + e);
        }
        Optional<TlsFacts> tls = context.facts() == null ? Optional.empty() : context.facts().tls();
        return new CaseResult(requirement, name(), description, outcome.verdict(), outcome.detail(), outcome.evidence(),
                List.of(), Duration.ofNanos(System.nanoTime() - started), tls, source, outcome.text(), null);
    }

    @Override
    public Requirement requirement() {
        return requirement;
    }

    @Override
    public String name() {
        return requirement.id();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String sourceText() {
        return source;
    }
}
