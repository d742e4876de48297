package org.starttls.requirements;

import java.util.List;
import org.starttls.cases.Check;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.checks.JavaCase;

/**
 * Broken Java checks for the binding tests. They live outside {@code org.starttls.checks} on purpose: the catalogue's
 * own discovery scans that package, and must not find them.
 */
public final class FakeChecks {

    private FakeChecks() {
    }

    /** A check no requirement file names. */
    public static final class Orphan implements Check {
        @Override
        public List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
            return List.of();
        }
    }

    /** A check whose case claims a requirement other than the one it was asked for. */
    public static final class Impostor implements Check {
        @Override
        public List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
            return List.of(new JavaCase(Catalogue.byId("RFC3207-4-SHOULD-530"), "RFC3207-4-SHOULD-530-IMPOSTOR",
                    "claims another requirement", List.of(), List.of(), Impostor.class, dialog -> Outcome.pass("")));
        }
    }
}
