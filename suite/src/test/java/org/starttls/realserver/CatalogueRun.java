package org.starttls.realserver;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.starttls.RunResult;
import org.starttls.Suite;
import org.starttls.cases.ConformanceCase;
import org.starttls.checks.CheckLibrary;
import org.starttls.config.SuiteConfig;
import org.starttls.fixtures.postfix.PrivatePostfix;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;

/**
 * The whole catalogue (or some cases) against one listener of a private Postfix, in-process through {@link Suite#run},
 * configured exactly as {@code mvn verify -Dsmtp.target=127.0.0.1:PORT -Dsmtp.profile=P -Dsmtp.tls.trust=CA.pem
 * -Dsmtp.concurrency=8} would be. Starts in the background so that several listeners are checked at once.
 */
final class CatalogueRun {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private final PrivatePostfix postfix;
    private final String listener;
    private final CompletableFuture<RunResult> result;

    private CatalogueRun(PrivatePostfix postfix, String listener, Profile profile, String report,
                         List<ConformanceCase> cases) {
        this.postfix = postfix;
        this.listener = listener;
        SuiteConfig config = SuiteConfig.from(Map.of(
                "smtp.target", postfix.target(listener),
                "smtp.profile", profile.propertyValue(),
                "smtp.tls.trust", postfix.caCertificate().toString(),
                "smtp.report.dir", Path.of("target", "postfix-report", report).toString(),
                // Postfix serves about 100 sessions per listener and exempts loopback from its per-client limits
                "smtp.concurrency", "8"));
        this.result = CompletableFuture.supplyAsync(() -> Suite.run(config, cases, QUIET));
    }

    /** Every case of the catalogue; summary.json goes to target/postfix-report/LISTENER. */
    static CatalogueRun start(PrivatePostfix postfix, String listener, Profile profile) {
        return new CatalogueRun(postfix, listener, profile, listener, CheckLibrary.cases());
    }

    /** Only {@code cases}; summary.json goes to target/postfix-report/REPORT. */
    static CatalogueRun start(PrivatePostfix postfix, String listener, Profile profile, String report,
                              List<ConformanceCase> cases) {
        return new CatalogueRun(postfix, listener, profile, report, cases);
    }

    /** Waits for every verdict and prints one line with the counts. */
    Summary.TargetSummary finish() {
        Summary.TargetSummary target = result.join().summary().targets().get(0);
        System.out.printf("[postfix] Postfix %s, listener %s (%s, profile %s): %d requirements evaluated in %d ms: %s%n",
                postfix.version(), listener, target.target(), target.profile(), target.results().size(),
                target.durationMillis(), counts(target));
        return target;
    }

    /** "PASS 9, FAIL 0, INCONCLUSIVE 0, NOT_APPLICABLE 0". */
    static String counts(Summary.TargetSummary target) {
        return target.counts().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
