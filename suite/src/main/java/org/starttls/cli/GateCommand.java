package org.starttls.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.starttls.reports.ComplianceGate;
import org.starttls.reports.Reports;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code gate DIR}: the console summary and the exit code of the run whose reports are in DIR. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Prints the summary of the run in DIR and exits with its exit code (0, 1, 2 or 3).")
final class GateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "DIR", description = "a report folder with summary.json")
    Path dir;

    @Option(names = "--repeat-at-exit", hidden = true,
            description = "when the gate passes, print its verdict and the report paths again as the JVM ends: inside "
                    + "Maven (the last step of mvn verify) they are then the last lines, after the reactor summary")
    boolean repeatAtExit;

    @Override
    public Integer call() throws IOException {
        int code = ComplianceGate.fromDirectory(dir, main.out);
        if (repeatAtExit && code == ExitCode.PASSED.code()) {
            Summary summary = SummaryJson.read(dir.resolve(SummaryJson.FILE_NAME));
            repeatAtExit(ComplianceGate.verdictAndReports(summary, Reports.existing(dir)), main.out);
        }
        return code;
    }

    /**
     * A failing gate ends the JVM at once ({@link Main#main}), so its lines are the last anyway. A passing one cannot:
     * Maven goes on with later modules and its reactor summary. The lines are computed now and printed by a shutdown
     * hook, which needs no class loading after Maven closed this plugin's class loader.
     */
    private static void repeatAtExit(List<String> lines, PrintStream out) {
        String text = String.join(System.lineSeparator(), lines);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println(text);
            out.flush();
        }, "smtp-gate-verdict"));
    }
}
