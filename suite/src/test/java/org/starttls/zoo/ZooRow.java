package org.starttls.zoo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Profile;
import org.starttls.summary.Verdict;

/**
 * One server of the self-test with the verdicts the suite gave it.
 *
 * @param variant  empty for the reference server
 * @param verdicts requirement id to verdict; ids without a case are absent
 * @param troubles what went wrong in the suite itself: a run that did not end in time, an internal error
 */
record ZooRow(String name, Optional<Variant> variant, Profile profile, Expectation expectation,
              Map<String, Verdict> verdicts, List<String> troubles, long millis) {

    ZooRow {
        verdicts = Map.copyOf(verdicts);
        troubles = List.copyOf(troubles);
    }

    /** What this row gets wrong against its expectation, the suite's own troubles first. */
    List<String> violations() {
        return java.util.stream.Stream.concat(troubles.stream(), expectation.violations(verdicts).stream()).toList();
    }

    /** Whether the suite tells this server from a correct one. */
    boolean detected() {
        return expectation.detects(verdicts);
    }

    Optional<Verdict> verdict(String id) {
        return Optional.ofNullable(verdicts.get(id));
    }
}
