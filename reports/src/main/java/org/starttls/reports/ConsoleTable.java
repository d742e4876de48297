package org.starttls.reports;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.starttls.summary.Level;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * The compact end-of-run table: per target the requirement counts by level and verdict, the requirements that FAILed
 * or were INCONCLUSIVE (or the one reason the target could not be evaluated), then the gate and where the reports are.
 */
public final class ConsoleTable {

    private static final String ROW = "    %-10s %5s %5s %13s %15s%n";

    private ConsoleTable() {
    }

    public static void print(Summary summary, List<Path> reports, PrintStream out) {
        out.println();
        out.println("SMTP STARTTLS conformance");
        for (Summary.TargetSummary t : summary.targets()) {
            out.printf("%n  %s  (profile %s, %d ms)%n", t.target(), t.profile(), t.durationMillis());
            out.printf(ROW, "level", "PASS", "FAIL", "INCONCLUSIVE", "NOT_APPLICABLE");
            for (Level level : Level.values()) {
                List<Summary.RequirementResult> atLevel = t.results().stream()
                        .filter(r -> r.level() == level).toList();
                if (!atLevel.isEmpty()) {
                    out.printf(ROW, level.keyword(), count(atLevel, Verdict.PASS), count(atLevel, Verdict.FAIL),
                            count(atLevel, Verdict.INCONCLUSIVE), count(atLevel, Verdict.NOT_APPLICABLE));
                }
            }
            out.printf(ROW, "total", count(t.results(), Verdict.PASS), count(t.results(), Verdict.FAIL),
                    count(t.results(), Verdict.INCONCLUSIVE), count(t.results(), Verdict.NOT_APPLICABLE));
            if (t.error() != null) {
                out.println("    could not be evaluated: " + t.error());
            }
            for (Summary.RequirementResult r : t.results()) {
                // a target that could not be evaluated is one line above, not one INCONCLUSIVE line per requirement
                boolean inconclusive = r.verdict() == Verdict.INCONCLUSIVE && t.error() == null;
                if (r.verdict() == Verdict.FAIL || inconclusive) {
                    out.printf("    %-12s %-10s %s%n", r.verdict(), r.level().keyword(), r.id());
                }
            }
        }
        out.printf("%n  gate %s: %s (exit code %d)%n", summary.gate().level(), summary.gate().exit().name().replace('_', ' '), summary.gate().exitCode());
        for (Path report : reports) {
            out.println("  " + report);
        }
        out.println();
    }

    private static long count(List<Summary.RequirementResult> results, Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }
}
