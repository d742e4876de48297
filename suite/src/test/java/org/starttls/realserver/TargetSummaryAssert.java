package org.starttls.realserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;
import org.starttls.summary.Role;
import org.starttls.requirements.Catalogue;
import org.starttls.requirements.Requirement;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;

/** Compares one target's verdicts with an expected-verdict table, listing every difference at once. */
final class TargetSummaryAssert extends AbstractAssert<TargetSummaryAssert, Summary.TargetSummary> {

    private TargetSummaryAssert(Summary.TargetSummary actual) {
        super(actual, TargetSummaryAssert.class);
    }

    static TargetSummaryAssert assertThat(Summary.TargetSummary actual) {
        return new TargetSummaryAssert(actual);
    }

    /**
     * Every catalogue id has a row in {@code table} and its verdict under {@code profile} is the one observed; rows
     * for ids the catalogue no longer has are errors too, so the table never drifts from the catalogue.
     */
    TargetSummaryAssert hasVerdicts(Map<String, PostfixVerdicts.Expected> table, Profile profile) {
        isNotNull();
        Map<String, Summary.RequirementResult> observed = new java.util.HashMap<>();
        actual.results().forEach(r -> observed.put(r.id(), r));
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Requirement requirement : Catalogue.forRole(Role.SERVER)) {
            Summary.RequirementResult result = observed.get(requirement.id());
            String verdict = result == null ? "not run" : result.verdict().name();
            PostfixVerdicts.Expected expected = table.get(requirement.id());
            if (expected == null) {
                missing.add("  " + requirement.id() + ": " + verdict + (result == null ? "" : " (" + result.detail() + ")"));
            } else if (!expected.under(profile).name().equals(verdict)) {
                wrong.add("  " + requirement.id() + ": expected " + expected.under(profile) + ", observed " + verdict
                        + (result == null ? "" : " (" + result.detail() + ")"));
            }
        }
        Set<String> stale = new TreeSet<>(table.keySet());
        Catalogue.forRole(Role.SERVER).forEach(r -> stale.remove(r.id()));
        if (!missing.isEmpty() || !wrong.isEmpty() || !stale.isEmpty()) {
            StringBuilder message = new StringBuilder("Postfix at ").append(actual.target()).append(" under ")
                    .append(profile).append(" does not match PostfixVerdicts.TABLE:");
            section(message, "verdicts that differ from the table", wrong);
            section(message, "catalogue ids missing from the table (verdict observed under " + profile + ")", missing);
            section(message, "table rows for ids the catalogue does not have", stale.stream().map(id -> "  " + id).toList());
            failWithMessage("%s", message);
        }
        return this;
    }

    private static void section(StringBuilder message, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            message.append("\n").append(title).append(" (").append(lines.size()).append("):\n").append(String.join("\n", lines));
        }
    }
}
