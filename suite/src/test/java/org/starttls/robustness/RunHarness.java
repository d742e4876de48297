package org.starttls.robustness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.starttls.client.SmtpClient;
import org.starttls.catalogue.AllCases;
import org.starttls.run.ConformanceCase;
import org.starttls.run.ConformanceRun;
import org.starttls.run.Summary;
import org.starttls.run.SummaryBuilder;
import org.starttls.run.SuiteConfig;

/** A whole conformance run in this JVM, as the JUnit glue does it: configuration, run, summary.json. */
final class RunHarness {

    record Outcome(Summary summary, Duration elapsed, Path summaryFile) {
        Summary.TargetSummary target() {
            return summary.targets().get(0);
        }
    }

    private RunHarness() {
    }

    /** The whole catalogue: scenario scripts and Java cases. */
    static List<ConformanceCase> catalogueCases() {
        return AllCases.load();
    }

    static Outcome run(Map<String, String> properties, List<ConformanceCase> cases) throws IOException {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        SuiteConfig config = SuiteConfig.from(properties);
        Summary summary;
        try (SmtpClient client = new SmtpClient(config.clientSettings());
             ConformanceRun run = new ConformanceRun(config, client, cases)) {
            summary = SummaryBuilder.build(config, startedAt, run.start());
        }
        Path file = SummaryBuilder.write(summary, config.reportDir());
        return new Outcome(summary, Duration.ofNanos(System.nanoTime() - started), file);
    }
}
