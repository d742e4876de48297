package org.starttls.zoo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.starttls.requirements.Catalogue;
import org.starttls.summary.Verdict;

/**
 * What one server of the self-test must do to the verdicts.
 *
 * @param kind  whether the server is the reference, a correct variant, breaks one rule, or tests the client's robustness
 * @param fails the requirement ids that FAIL: for a rule variant exactly these, the one it breaks first; empty for
 *              the reference server, for correct variants and for robustness variants, which may FAIL any requirement
 *              whose verdict step meets the broken connection (whether the break shows at a verdict step or a setup
 *              step is a race)
 */
record Expectation(Kind kind, List<String> fails) {

    /**
     * REFERENCE the reference server; CORRECT a variant that behaves unusually but correctly (it is judged as the
     * reference is: nothing FAILs, nothing is INCONCLUSIVE); RULE breaks one rule; ROBUSTNESS tests the client.
     */
    enum Kind { REFERENCE, CORRECT, RULE, ROBUSTNESS }

    Expectation {
        fails = List.copyOf(new LinkedHashSet<>(fails));
    }

    /** The reference server: every requirement PASSes or does not apply. */
    static Expectation passesEverything() {
        return new Expectation(Kind.REFERENCE, List.of());
    }

    /** A variant that is a correct server with unusual behaviour: judged as the reference server is. */
    static Expectation killsNothing() {
        return new Expectation(Kind.CORRECT, List.of());
    }

    /** A variant breaking the rule {@code intended}; {@code consequences} FAIL because it is broken. */
    static Expectation kills(String intended, String... consequences) {
        List<String> fails = new ArrayList<>(List.of(intended));
        fails.addAll(List.of(consequences));
        return new Expectation(Kind.RULE, fails);
    }

    /** A robustness variant: the run ends in bounded time, without internal errors, and not all PASS. */
    static Expectation bounded() {
        return new Expectation(Kind.ROBUSTNESS, List.of());
    }

    /** The rule a RULE variant is built to break. */
    String intended() {
        return fails.get(0);
    }

    /** Whether a FAIL of {@code id} is expected (rule variants) or allowed (robustness variants). */
    boolean expectsFail(String id) {
        return kind == Kind.ROBUSTNESS || fails.contains(id);
    }

    /**
     * Whether the verdicts tell this server from a correct one: a FAIL, or for a robustness variant also an
     * INCONCLUSIVE (the suite could not judge it, which is the honest outcome for a server that stops talking).
     */
    boolean detects(Map<String, Verdict> verdicts) {
        return verdicts.values().stream()
                .anyMatch(v -> v == Verdict.FAIL || (v == Verdict.INCONCLUSIVE && kind == Kind.ROBUSTNESS));
    }

    /** The intended id of a rule variant when the catalogue does not define it: the flaw goes unnoticed. */
    Optional<String> awaitedId() {
        return kind == Kind.RULE && Catalogue.find(intended()).isEmpty()
                ? Optional.of(intended()) : Optional.empty();
    }

    /** What the verdicts get wrong, one sentence each; empty when they meet this expectation. */
    List<String> violations(Map<String, Verdict> verdicts) {
        Set<String> failed = idsWith(verdicts, Verdict.FAIL);
        Set<String> known = fails.stream().filter(id -> Catalogue.find(id).isPresent()).collect(Collectors.toSet());
        List<String> violations = new ArrayList<>();
        Set<String> unexpected = new LinkedHashSet<>(failed);
        unexpected.removeIf(this::expectsFail);
        if (!unexpected.isEmpty()) {
            violations.add("FAIL where none is expected: " + unexpected);
        }
        switch (kind) {
            case REFERENCE, CORRECT -> {
                Set<String> inconclusive = idsWith(verdicts, Verdict.INCONCLUSIVE);
                if (!inconclusive.isEmpty()) {
                    violations.add("INCONCLUSIVE on a correct server: " + inconclusive);
                }
            }
            case RULE -> {
                Set<String> missing = new LinkedHashSet<>(known);
                missing.removeAll(failed);
                if (!missing.isEmpty()) {
                    violations.add("expected FAIL but got " + missing.stream()
                            .map(id -> id + "=" + verdicts.getOrDefault(id, null)).toList());
                }
            }
            case ROBUSTNESS -> {
                if (!detects(verdicts)) {
                    violations.add("every requirement PASSes or does not apply: the faulty server went unnoticed");
                }
            }
        }
        return violations;
    }

    private static Set<String> idsWith(Map<String, Verdict> verdicts, Verdict verdict) {
        return verdicts.entrySet().stream().filter(e -> e.getValue() == verdict).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
