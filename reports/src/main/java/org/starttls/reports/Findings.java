package org.starttls.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.starttls.i18n.Language;
import org.starttls.i18n.Messages;
import org.starttls.summary.Gate;
import org.starttls.summary.Level;
import org.starttls.summary.Summary;
import org.starttls.summary.Summary.CaseSummary;
import org.starttls.summary.Summary.RequirementResult;
import org.starttls.summary.Summary.TargetSummary;
import org.starttls.summary.Verdict;

/**
 * What every report says about a result, in one place so the console, the HTML, SARIF, JUnit XML and the gate reasons
 * tell one story: the texts in the report's language, the case-level findings ("HELO → 250, ETRN → 458": each failing
 * case with the reply it got) and the FAILs the gate does not count.
 */
public final class Findings {

    /** The bundle of every report's texts. */
    public static final String BUNDLE = "report/messages";

    private Findings() {
    }

    public static Messages messages(Language language) {
        return Messages.of(BUNDLE, language);
    }

    public static String title(RequirementResult r, Language language) {
        return pick(language, r.title(), r.titleDe());
    }

    public static String fixHint(RequirementResult r, Language language) {
        return pick(language, r.fixHint(), r.fixHintDe());
    }

    public static String detail(RequirementResult r, Language language) {
        return pick(language, r.detail(), r.detailDe());
    }

    public static String detail(CaseSummary c, Language language) {
        return pick(language, c.detail(), c.detailDe());
    }

    public static String error(TargetSummary t, Language language) {
        return t.error() == null ? null : pick(language, t.error(), t.errorDe());
    }

    public static String verdict(Verdict v, Language language) {
        return messages(language).get("verdict_" + v.name());
    }

    /** The part of a case's name after its requirement's id ({@code HELO} of {@code RFC3207-4-SHOULD-530-HELO}). */
    public static String label(RequirementResult r, CaseSummary c) {
        if (c.name().startsWith(r.id() + "-")) {
            return c.name().substring(r.id().length() + 1);
        }
        // the requirement's unnamed case: named by the command it judged, else by what it checks
        return c.command() != null && !c.command().isBlank() ? c.command().strip().split("\\s+")[0] : c.description();
    }

    /**
     * One line about a requirement's cases with {@code verdict}: for a requirement with one case its detail; with
     * several, each such case with the reply it got, e.g. {@code HELO → 250, ETRN → 458}, so that a second failing case
     * shows beside the first.
     */
    public static String brief(RequirementResult r, Verdict verdict, Language language) {
        List<CaseSummary> cases = r.cases(verdict);
        if (r.cases().size() <= 1 || cases.isEmpty()) {
            return oneLine(r.cases().size() == 1 ? detail(r.cases().get(0), language) : detail(r, language));
        }
        return cases.stream().map(c -> label(r, c) + " → " + (c.got() != null ? code(c.got()) : oneLine(detail(c, language))))
                .collect(Collectors.joining(", "));
    }

    /** The reply code at the start of a reply line, or the line itself. */
    static String code(String reply) {
        String trimmed = reply.strip();
        return trimmed.length() >= 3 && trimmed.substring(0, 3).chars().allMatch(Character::isDigit)
                ? trimmed.substring(0, 3) : trimmed;
    }

    /**
     * A detail on one line: its first line, and when that ends in a colon (a script step's "... but the server
     * answered:"), the reply lines after it joined by " | ", so the proving reply is never cut off.
     */
    static String oneLine(String text) {
        String first = firstLine(text);
        if (!first.endsWith(":")) {
            return first;
        }
        return first + " " + text.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.joining(" | "));
    }

    public static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    /** The FAILed requirements of a target, most binding level first, then in catalogue order. */
    public static List<RequirementResult> fails(TargetSummary t) {
        return t.results().stream().filter(r -> r.verdict() == Verdict.FAIL)
                .sorted(Comparator.comparingInt((RequirementResult r) -> -r.level().weight())).toList();
    }

    /**
     * Why the gate did not pass, one line each: every FAIL at or above the gate level, then every target that could not
     * be evaluated, in that order (the console prefixes each by its kind). summary.json keeps the English lines; the
     * reports render them in their language.
     */
    public static List<String> reasons(List<TargetSummary> targets, Gate gate, Language language) {
        Messages m = messages(language);
        List<String> reasons = new ArrayList<>();
        for (TargetSummary t : targets) {
            for (RequirementResult r : fails(t)) {
                if (gate.blocks(r.level())) {
                    reasons.add(m.get("reason_fail", t.target(), r.id(), r.level().keyword(), brief(r, Verdict.FAIL, language)));
                }
            }
        }
        for (TargetSummary t : targets) {
            if (t.error() != null) {
                reasons.add(m.get("reason_unevaluated", t.target(), firstLine(error(t, language))));
            }
        }
        return reasons;
    }

    /** The FAILed requirements below the gate level, by level, for summary.json. */
    public static Map<Level, Long> notGated(List<TargetSummary> targets, Gate gate) {
        Map<Level, Long> counts = new java.util.EnumMap<>(Level.class);
        targets.stream().flatMap(t -> t.results().stream())
                .filter(r -> r.verdict() == Verdict.FAIL && !gate.blocks(r.level()))
                .forEach(r -> counts.merge(r.level(), 1L, Long::sum));
        return counts;
    }

    /**
     * The announcement of the FAILs the gate does not count, e.g. "2 SHOULD-level FAILs are not gated
     * (smtp.gate=SHOULD or --gate SHOULD gates them)"; one sentence per group (MUST, SHOULD, MAY and INFO).
     */
    public static List<String> notGatedSentences(Summary summary, Language language) {
        Map<Level, Long> notGated = summary.gate().notGated() != null ? summary.gate().notGated()
                : notGated(summary.targets(), summary.gate().level());
        Messages m = messages(language);
        List<String> sentences = new ArrayList<>();
        for (String group : List.of("must", "should", "info")) {
            long n = notGated.entrySet().stream().filter(e -> group(e.getKey()).equals(group)).mapToLong(Map.Entry::getValue).sum();
            if (n > 0) {
                sentences.add(m.get("notgated_" + group + (n == 1 ? "_one" : "_many"), n));
            }
        }
        return sentences;
    }

    private static String group(Level level) {
        return switch (level.weight()) {
            case 3 -> "must";
            case 2 -> "should";
            default -> "info";
        };
    }

    /** "47 requirements, 67 cases", or for several targets "2 targets: 94 requirement verdicts, 134 cases". */
    public static String size(Summary summary, Language language) {
        Summary.Totals totals = summary.totals();
        return totals.targets() > 1
                ? messages(language).get("size_targets", totals.targets(), totals.requirements(), totals.cases())
                : messages(language).get("size", totals.requirements(), totals.cases());
    }

    private static String pick(Language language, String english, String german) {
        return language == Language.DE && german != null && !german.isBlank() ? german : english;
    }
}
