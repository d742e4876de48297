package org.starttls.realserver;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.starttls.Suite;
import org.starttls.cases.ConformanceCase;
import org.starttls.config.SuiteConfig;
import org.starttls.fixtures.realservers.RealServer;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;

/**
 * The catalogue (or some cases) against one listener of a real server, in-process through {@link Suite#run},
 * configured exactly as {@code mvn verify -Dsmtp.target=127.0.0.1:PORT -Dsmtp.profile=P -Dsmtp.tls.trust=CA.pem
 * -Dsmtp.concurrency=N [-Dsmtp.auth.user=U -Dsmtp.auth.password=P]} would be; its reports go to {@code reportDir}.
 *
 * @param label   what the progress line calls the listener, e.g. {@code Exim 4.96 require-tls}
 * @param account the server's AUTH account, given to the suite as {@code smtp.auth.*}
 */
record CatalogueRun(String label, String target, Profile profile, Path caCertificate, Optional<RealServer.Account> account,
                    int concurrency) {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** The listener of {@code server} for {@code profile}. */
    static CatalogueRun of(RealServer server, Profile profile, int concurrency) {
        String target = server.targets().get(profile.propertyValue());
        if (target == null) {
            throw new IllegalArgumentException(server.name() + " has no listener for " + profile);
        }
        return new CatalogueRun(server.name() + " " + server.version() + " " + profile, target, profile,
                server.caCertificate(), server.account(), concurrency);
    }

    /** Runs {@code cases} on {@code executor}; the summary of the one target, with one line printed when it is done. */
    CompletableFuture<Summary.TargetSummary> start(List<ConformanceCase> cases, Path reportDir, Executor executor) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("smtp.target", target);
        settings.put("smtp.profile", profile.propertyValue());
        settings.put("smtp.tls.trust", caCertificate.toString());
        settings.put("smtp.report.dir", reportDir.toString());
        settings.put("smtp.concurrency", String.valueOf(concurrency));
        account.ifPresent(a -> {
            settings.put("smtp.auth.user", a.user());
            settings.put("smtp.auth.password", a.password());
        });
        SuiteConfig config = SuiteConfig.from(settings);
        return CompletableFuture.supplyAsync(() -> {
            Summary.TargetSummary summary = Suite.run(config, cases, QUIET).summary().targets().get(0);
            System.out.printf("[realservers] %s (%s, smtp.concurrency=%d): %d requirements in %d ms: %s%n", label,
                    target, concurrency, summary.results().size(), summary.durationMillis(), counts(summary));
            return summary;
        }, executor);
    }

    /** "PASS 9, FAIL 0, INCONCLUSIVE 0, NOT_APPLICABLE 0". */
    static String counts(Summary.TargetSummary target) {
        return target.counts().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The cases of a target's summary by name. */
    static Map<String, Summary.CaseSummary> cases(Summary.TargetSummary summary) {
        Map<String, Summary.CaseSummary> byName = new LinkedHashMap<>();
        summary.results().forEach(r -> r.cases().forEach(c -> byName.put(c.name(), c)));
        return byName;
    }
}
