package org.starttls.reports;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.starttls.run.Summary;
import org.starttls.run.SummaryBuilder;

/**
 * The CI gate, run last: prints the console table and ends the build with exit code 1 exactly when summary.json says
 * the gate did not pass (a requirement at or above {@code smtp.gate} FAILed, or a target could not be evaluated).
 * Each reason is one line; the process exits directly, so Maven adds no stack trace or help text to it.
 */
public final class ComplianceGate {

    private ComplianceGate() {
    }

    public static void main(String[] args) throws IOException {
        int code = run(Path.of(args[0]), System.out);
        if (code != 0) {
            System.out.flush();
            System.exit(code);
        }
    }

    /** Prints the table and the verdict; returns the exit code: 0 passed, 1 failed or no summary. */
    static int run(Path dir, PrintStream out) throws IOException {
        Path file = dir.resolve(SummaryBuilder.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            out.println("[smtp] GATE FAILED: no " + file + "; the conformance run did not complete (see the test output above)");
            return 1;
        }
        Summary summary = SummaryBuilder.read(file);
        ConsoleTable.print(summary, reports(dir), out);
        if (summary.gate().passed()) {
            return 0;
        }
        for (String reason : summary.gate().reasons()) {
            out.println("[smtp] GATE FAILED (" + summary.gate().level() + "): " + reason.lines().findFirst().orElse(reason));
        }
        return 1;
    }

    private static List<Path> reports(Path dir) {
        List<Path> reports = new ArrayList<>();
        for (Path p : List.of(dir.resolve(SummaryBuilder.FILE_NAME), dir.resolve(HtmlSummary.FILE_NAME),
                dir.resolve(AllureExtras.REPORT).resolve("index.html"))) {
            if (Files.exists(p)) {
                reports.add(p);
            }
        }
        return reports;
    }
}
