package org.starttls.robustness;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.starttls.RunResult;
import org.starttls.Suite;
import org.starttls.cases.ConformanceCase;
import org.starttls.checks.CheckLibrary;
import org.starttls.config.SuiteConfig;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;

/** A whole conformance run in this JVM through the engine's one entry point, {@link Suite#run}. */
final class RunHarness {

    record Outcome(Summary summary, Duration elapsed, Path summaryFile) {
        Summary.TargetSummary target() {
            return summary.targets().get(0);
        }
    }

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private RunHarness() {
    }

    /** The whole catalogue: the requirements' scripts and Java checks. */
    static List<ConformanceCase> catalogueCases() {
        return CheckLibrary.cases();
    }

    static Outcome run(Map<String, String> properties, List<ConformanceCase> cases) {
        long started = System.nanoTime();
        SuiteConfig config = SuiteConfig.from(properties);
        RunResult result = Suite.run(config, cases, QUIET);
        return new Outcome(result.summary(), Duration.ofNanos(System.nanoTime() - started),
                result.reportDir().resolve(SummaryJson.FILE_NAME));
    }
}
