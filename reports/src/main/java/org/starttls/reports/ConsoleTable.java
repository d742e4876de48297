package org.starttls.reports;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.starttls.i18n.Language;
import org.starttls.i18n.Messages;
import org.starttls.summary.Level;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * The compact end-of-run table, per target: requirements by level and verdict, the cases by verdict below them (the one
 * counting unit: "47 requirements, 67 cases"), then each FAILed requirement (most binding level first) with its failing
 * cases and the replies they got, the INCONCLUSIVE ones, or the one reason the target could not be evaluated; then the
 * FAILs the gate does not count. The gate verdict and the report paths follow ({@link ComplianceGate}).
 */
public final class ConsoleTable {

    private ConsoleTable() {
    }

    public static void print(Summary summary, Language language, PrintStream out) {
        Messages m = Findings.messages(language);
        out.println();
        out.println(m.get("console_title"));
        List<String> columns = List.of(m.get("level"), Findings.verdict(Verdict.PASS, language),
                Findings.verdict(Verdict.FAIL, language), Findings.verdict(Verdict.INCONCLUSIVE, language),
                Findings.verdict(Verdict.NOT_APPLICABLE, language));
        String row = "    %-12s" + columns.subList(1, columns.size()).stream()
                .map(c -> " %" + Math.max(5, c.length()) + "s").reduce("", String::concat) + "%n";
        for (Summary.TargetSummary t : summary.targets()) {
            out.println();
            out.println("  " + m.get(t.embeddedServer() ? "console_target_embedded" : "console_target", t.target(),
                    t.profile(), seconds(t.durationMillis(), language), t.sessions() == null ? "?" : t.sessions()));
            out.println("  " + m.get("console_size", t.results().size(), t.cases()));
            out.printf(row, columns.toArray());
            for (Level level : Level.values()) {
                List<Summary.RequirementResult> atLevel = t.results().stream().filter(r -> r.level() == level).toList();
                if (!atLevel.isEmpty()) {
                    out.printf(row, level.keyword(), count(atLevel, Verdict.PASS), count(atLevel, Verdict.FAIL),
                            count(atLevel, Verdict.INCONCLUSIVE), count(atLevel, Verdict.NOT_APPLICABLE));
                }
            }
            out.printf(row, m.get("console_total"), t.counts().get(Verdict.PASS), t.counts().get(Verdict.FAIL),
                    t.counts().get(Verdict.INCONCLUSIVE), t.counts().get(Verdict.NOT_APPLICABLE));
            Map<Verdict, Long> cases = t.caseCounts();
            out.printf(row, m.get("console_cases"), cases.get(Verdict.PASS), cases.get(Verdict.FAIL),
                    cases.get(Verdict.INCONCLUSIVE), cases.get(Verdict.NOT_APPLICABLE));
            if (t.error() != null) {
                out.println("    " + m.get("console_unevaluated", Findings.firstLine(Findings.error(t, language))));
            }
            for (String line : findings(t, language)) {
                out.println("    " + line);
            }
        }
        List<String> notGated = Findings.notGatedSentences(summary, language);
        if (!notGated.isEmpty()) {
            out.println();
            notGated.forEach(s -> out.println("  " + s));
        }
        out.println();
    }

    /** The FAILs, most binding level first, then the INCONCLUSIVE requirements (unless the whole target was not evaluated). */
    static List<String> findings(Summary.TargetSummary t, Language language) {
        List<String> lines = new ArrayList<>();
        for (Summary.RequirementResult r : Findings.fails(t)) {
            lines.add(String.format("%-13s %-10s %s  %s", Findings.verdict(Verdict.FAIL, language), r.level().keyword(),
                    r.id(), Findings.brief(r, Verdict.FAIL, language)));
        }
        if (t.error() == null) {
            for (Summary.RequirementResult r : t.results()) {
                if (r.verdict() == Verdict.INCONCLUSIVE) {
                    lines.add(String.format("%-13s %-10s %s  %s", Findings.verdict(Verdict.INCONCLUSIVE, language),
                            r.level().keyword(), r.id(), Findings.brief(r, Verdict.INCONCLUSIVE, language)));
                }
            }
        }
        return lines;
    }

    static String seconds(long millis, Language language) {
        return String.format(language.locale(), "%.1f s", millis / 1000.0);
    }

    private static long count(List<Summary.RequirementResult> results, Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }
}
