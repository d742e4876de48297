package org.starttls.reports;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.starttls.run.Summary;
import org.starttls.run.SummaryBuilder;

/**
 * Reads summary.json after the conformance run, prints the verdict table and applies the gate: the build fails
 * exactly when the summary says the gate did not pass.
 */
public final class ComplianceReport {

    private ComplianceReport() {
    }

    public static void main(String[] args) throws IOException, GateFailedException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/smtp-report");
        Path file = dir.resolve(SummaryBuilder.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new GateFailedException("no " + file + ": the conformance run did not complete; see the test output above");
        }
        Summary summary = SummaryBuilder.read(file);
        printTable(summary, System.out);
        System.out.println("[smtp] summary: " + file);
        if (!summary.gate().passed()) {
            throw new GateFailedException("SMTP conformance gate " + summary.gate().level() + " failed: "
                    + String.join(" | ", summary.gate().reasons()));
        }
    }

    static void printTable(Summary summary, PrintStream out) {
        out.println();
        out.println("SMTP STARTTLS conformance — gate " + summary.gate().level() + ": "
                + (summary.gate().passed() ? "PASSED" : "FAILED"));
        for (Summary.TargetSummary t : summary.targets()) {
            out.printf("%n  %s (profile %s, %d ms)%s%n", t.target(), t.profile(), t.durationMillis(),
                    t.error() == null ? "" : " — " + t.error());
            for (Summary.RequirementResult r : t.results()) {
                out.printf("    %-14s %-9s %s%n", r.verdict(), r.level(), r.id());
            }
            Map<String, Long> counts = t.counts();
            out.printf("    %s%n", counts);
        }
        out.println();
    }
}
