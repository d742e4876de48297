package org.starttls.checks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.starttls.cases.Check;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.client.SessionException;
import org.starttls.requirements.Requirement;

/** A Java check with one case, named after the requirement whose file names the check. */
public abstract class DialogCheck implements Check {

    private final String description;
    private final List<String> needsClear;
    private final List<String> needsTls;

    protected DialogCheck(String description) {
        this(description, List.of(), List.of());
    }

    protected DialogCheck(String description, List<String> needsClear, List<String> needsTls) {
        this.description = description;
        this.needsClear = List.copyOf(needsClear);
        this.needsTls = List.copyOf(needsTls);
    }

    /** What follows the requirement id in the case's name; only needed beside another case of the requirement. */
    protected Optional<String> nameSuffix() {
        return Optional.empty();
    }

    /** How long {@link #check} waits for the server's silence when all goes well; see {@link ConformanceCase#plannedWait()}. */
    protected Duration plannedWait() {
        return Duration.ZERO;
    }

    /** Drives the server through {@code dialog} and judges what it saw. */
    protected abstract Outcome check(Dialog dialog) throws SessionException, SetupFailed;

    @Override
    public final List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
        Check.noArguments(arguments);
        String name = requirement.id() + nameSuffix().map(suffix -> "-" + suffix).orElse("");
        return List.of(new JavaCase(requirement, name, description, needsClear, needsTls, getClass(),
                plannedWait(), this::check));
    }
}
