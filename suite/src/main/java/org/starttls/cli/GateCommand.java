package org.starttls.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.starttls.reports.ComplianceGate;
import picocli.CommandLine.Command;
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

    @Override
    public Integer call() throws IOException {
        return ComplianceGate.fromDirectory(dir, main.out);
    }
}
