package org.starttls.reports;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;

/**
 * The end of every door: prints the console table, the gate verdict and where the reports are, and gives the exit code
 * that summary.json records (0 passed, 1 a gated requirement FAILed, 2 a target could not be evaluated, 3 a
 * configuration error). Maven's last step runs it on its own ({@link #main}) after the Allure report.
 */
public final class ComplianceGate {

    private ComplianceGate() {
    }

    /** Argument: the report directory. Ends the process with the exit code unless it is 0. */
    public static void main(String[] args) throws IOException {
        int code = fromDirectory(Path.of(args[0]), System.out);
        System.out.flush();
        if (code != 0) {
            // directly, so that Maven adds no stack trace or help text after the reason
            System.exit(code);
        }
    }

    /** Reads summary.json in {@code dir} and prints the end of the run; returns the exit code. */
    public static int fromDirectory(Path dir, PrintStream out) throws IOException {
        Path file = dir.resolve(SummaryJson.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            out.println("[smtp] CONFIGURATION ERROR: no " + file + "; the conformance run did not start (see above)");
            return ExitCode.CONFIGURATION_ERROR.code();
        }
        return print(SummaryJson.read(file), reports(dir), out);
    }

    /** Prints the table, the gate verdict and the report paths last; returns the exit code. */
    public static int print(Summary summary, List<Path> reports, PrintStream out) {
        ConsoleTable.print(summary, reports, out);
        Summary.GateResult gate = summary.gate();
        String prefix = switch (gate.exit()) {
            case PASSED -> null;
            case GATE_FAILED -> "[smtp] GATE FAILED (" + gate.level() + "): ";
            case NOT_EVALUATED -> "[smtp] NOT EVALUATED: ";
            case CONFIGURATION_ERROR -> "[smtp] CONFIGURATION ERROR: ";
        };
        if (prefix != null) {
            for (String reason : gate.reasons()) {
                out.println(prefix + reason.lines().findFirst().orElse(reason));
            }
        }
        return gate.exitCode();
    }

    private static List<Path> reports(Path dir) {
        List<Path> reports = new ArrayList<>();
        for (Path p : List.of(dir.resolve(SummaryJson.FILE_NAME), dir.resolve(HtmlSummary.FILE_NAME),
                dir.resolve(AllureResults.REPORT).resolve("index.html"))) {
            if (Files.exists(p)) {
                reports.add(p);
            }
        }
        return reports;
    }
}
