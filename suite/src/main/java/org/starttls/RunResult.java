package org.starttls;

import java.nio.file.Path;
import java.util.List;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Summary;

/**
 * What one run produced: the summary (verdicts and gate), where its reports are, and the exit code every door gives.
 *
 * @param reports the files a person opens first: summary.json and the HTML summary
 */
public record RunResult(Summary summary, Path reportDir, List<Path> reports) {

    public RunResult {
        reports = List.copyOf(reports);
    }

    public ExitCode exit() {
        return summary.gate().exit();
    }
}
