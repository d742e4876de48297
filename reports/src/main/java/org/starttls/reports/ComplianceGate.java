package org.starttls.reports;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.starttls.i18n.Language;
import org.starttls.i18n.Messages;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;

/**
 * The end of every door: prints the console table, the gate verdict and where the reports are — in that order, so the
 * last lines are always the verdict and the paths — and gives the exit code that summary.json records (0 passed, 1 a
 * gated requirement FAILed, 2 a target could not be evaluated, 3 a configuration error).
 */
public final class ComplianceGate {

    private ComplianceGate() {
    }

    /** Reads summary.json in {@code dir} and prints the end of the run; returns the exit code. */
    public static int fromDirectory(Path dir, PrintStream out) throws IOException {
        Path file = dir.resolve(SummaryJson.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            out.println("[smtp] " + Findings.messages(Language.EN).get("reason_CONFIGURATION_ERROR") + ": "
                    + Findings.messages(Language.EN).get("no_summary", file));
            return ExitCode.CONFIGURATION_ERROR.code();
        }
        Summary summary = SummaryJson.read(file);
        return print(summary, Reports.existing(dir), out);
    }

    /** Prints the table, the gate's reasons, its verdict and the report paths last; returns the exit code. */
    public static int print(Summary summary, List<Path> reports, PrintStream out) {
        Language language = Language.orEnglish(summary.lang());
        Messages m = Findings.messages(language);
        Summary.GateResult gate = summary.gate();
        if (gate.exit() != ExitCode.CONFIGURATION_ERROR) {
            ConsoleTable.print(summary, language, out);
        }
        List<String> reasons = language == Language.DE && gate.reasonsDe() != null ? gate.reasonsDe() : gate.reasons();
        // the gated FAILs come first among the reasons (Findings.reasons), then what could not be evaluated
        long gatedFails = gate.exit() == ExitCode.CONFIGURATION_ERROR ? 0 : summary.targets().stream()
                .mapToLong(t -> Findings.fails(t).stream().filter(r -> gate.level().blocks(r.level())).count()).sum();
        for (int i = 0; i < reasons.size(); i++) {
            ExitCode kind = gate.exit() == ExitCode.CONFIGURATION_ERROR ? gate.exit()
                    : i < gatedFails ? ExitCode.GATE_FAILED : ExitCode.NOT_EVALUATED;
            out.println("[smtp] " + m.get("reason_" + kind.name(), gate.level()) + ": " + Findings.firstLine(reasons.get(i)));
        }
        for (String line : verdictAndReports(summary, reports)) {
            out.println(line);
        }
        return gate.exitCode();
    }

    /** The gate verdict and the report paths: the lines every door prints last. */
    public static List<String> verdictAndReports(Summary summary, List<Path> reports) {
        Language language = Language.orEnglish(summary.lang());
        Messages m = Findings.messages(language);
        Summary.GateResult gate = summary.gate();
        List<String> lines = new java.util.ArrayList<>();
        lines.add("[smtp] " + (gate.exit() == ExitCode.CONFIGURATION_ERROR
                ? m.get("gate_line_refused", gate.exitCode())
                : m.get("gate_line", gate.level(), m.get("gate_" + gate.exit().name()), gate.exitCode(),
                        Findings.size(summary, language))));
        if (!reports.isEmpty()) {
            lines.add("[smtp] " + m.get("reports_line"));
            reports.forEach(p -> lines.add("[smtp]   " + p));
        }
        return lines;
    }
}
