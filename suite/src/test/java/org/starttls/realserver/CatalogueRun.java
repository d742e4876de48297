package org.starttls.realserver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.starttls.catalogue.AllCases;
import org.starttls.catalogue.Profile;
import org.starttls.client.SmtpClient;
import org.starttls.fixtures.postfix.PrivatePostfix;
import org.starttls.run.ConformanceCase;
import org.starttls.run.ConformanceRun;
import org.starttls.run.Summary;
import org.starttls.run.SummaryBuilder;
import org.starttls.run.SuiteConfig;
import org.starttls.run.TargetRun;

/**
 * The whole catalogue (or some cases) against one listener of a private Postfix, in-process, configured exactly as
 * {@code mvn verify -Dsmtp.target=127.0.0.1:PORT -Dsmtp.profile=P -Dsmtp.tls.trust=CA.pem -Dsmtp.concurrency=8} would be.
 * Starts in the background so that several listeners are checked at once.
 */
final class CatalogueRun {

    private final PrivatePostfix postfix;
    private final String listener;
    private final SuiteConfig config;
    private final SmtpClient client;
    private final ConformanceRun run;
    private final Instant startedAt = Instant.now();
    private final List<TargetRun> runs;

    private CatalogueRun(PrivatePostfix postfix, String listener, Profile profile, String report,
                         List<ConformanceCase> cases) {
        this.postfix = postfix;
        this.listener = listener;
        this.config = SuiteConfig.from(Map.of(
                "smtp.target", postfix.target(listener),
                "smtp.profile", profile.propertyValue(),
                "smtp.tls.trust", postfix.caCertificate().toString(),
                "smtp.report.dir", Path.of("target", "postfix-report", report).toString(),
                // Postfix serves about 100 sessions per listener and exempts loopback from its per-client limits
                "smtp.concurrency", "8"));
        this.client = new SmtpClient(config.clientSettings());
        this.run = new ConformanceRun(config, client, cases);
        this.runs = run.start();
    }

    /** Every case of the catalogue; summary.json goes to target/postfix-report/LISTENER. */
    static CatalogueRun start(PrivatePostfix postfix, String listener, Profile profile) {
        return new CatalogueRun(postfix, listener, profile, listener, AllCases.load());
    }

    /** Only {@code cases}; summary.json goes to target/postfix-report/REPORT. */
    static CatalogueRun start(PrivatePostfix postfix, String listener, Profile profile, String report,
                              List<ConformanceCase> cases) {
        return new CatalogueRun(postfix, listener, profile, report, cases);
    }

    /** Waits for every verdict, writes summary.json and prints one line with the counts. */
    Summary.TargetSummary finish() throws IOException {
        try (client; run) {
            Summary summary = SummaryBuilder.build(config, startedAt, runs);
            SummaryBuilder.write(summary, config.reportDir());
            Summary.TargetSummary target = summary.targets().get(0);
            System.out.printf("[postfix] Postfix %s, listener %s (%s, profile %s): %d requirements evaluated in %d ms: %s%n",
                    postfix.version(), listener, target.target(), target.profile(), target.results().size(),
                    target.durationMillis(), counts(target));
            return target;
        }
    }

    /** "PASS 9, FAIL 0, INCONCLUSIVE 0, NOT_APPLICABLE 0". */
    static String counts(Summary.TargetSummary target) {
        return target.counts().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
