package org.starttls.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.starttls.cli.Main;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;

/**
 * The main command run in this JVM as a user runs it ({@code Main} with options and targets, the same code the
 * runnable jar and {@code mvn verify} call), its console captured, and Maven's last step ({@code gate DIR}) after it.
 */
record MainCommand(int exitCode, List<String> console, Path reportDir) {

    static MainCommand run(Path reportDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--report-dir", reportDir.toString()));
        all.addAll(List.of(args));
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), all.toArray(String[]::new));
        return new MainCommand(code, out.toString(StandardCharsets.UTF_8).lines().toList(), reportDir);
    }

    /** What {@code mvn verify} runs last: the gate on the report folder, in a separate step. */
    MainCommand gate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), "gate", reportDir.toString());
        return new MainCommand(code, out.toString(StandardCharsets.UTF_8).lines().toList(), reportDir);
    }

    Summary summary() throws IOException {
        return SummaryJson.read(reportDir.resolve(SummaryJson.FILE_NAME));
    }

    /** The last {@code n} lines of the console. */
    List<String> last(int n) {
        return console.subList(Math.max(0, console.size() - n), console.size());
    }

    String text() {
        return String.join("\n", console);
    }
}
