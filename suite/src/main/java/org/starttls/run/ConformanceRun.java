package org.starttls.run;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.starttls.catalogue.Catalogue;
import org.starttls.catalogue.Requirement;
import org.starttls.client.SmtpClient;
import org.starttls.client.Target;

/**
 * Runs the selected cases against every target. Each target gets at most {@code smtp.concurrency} simultaneous
 * sessions (real servers refuse more from one client), independent cases overlap so their timeouts and quiet periods
 * do not add up, and every case has a time budget after which it is INCONCLUSIVE.
 */
public final class ConformanceRun implements AutoCloseable {

    private final SuiteConfig config;
    private final SmtpClient client;
    private final List<ConformanceCase> cases;
    private final List<ExecutorService> executors = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ConformanceRun(SuiteConfig config, SmtpClient client, List<ConformanceCase> cases) {
        this.config = config;
        this.client = client;
        List<Requirement> order = Catalogue.all();
        this.cases = cases.stream().filter(c -> config.selects(c.requirement().id()))
                .sorted(Comparator.comparingInt((ConformanceCase c) -> order.indexOf(c.requirement()))
                        .thenComparing(ConformanceCase::name))
                .toList();
    }

    /** The cases this run will execute per target, after {@code smtp.select}. */
    public List<ConformanceCase> cases() {
        return cases;
    }

    /** Starts every target at once; the returned runs complete in the background. */
    public List<TargetRun> start() {
        return config.targets().stream().map(this::start).toList();
    }

    private TargetRun start(Target target) {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(config.concurrency(), daemonThreads("smtp-" + target));
        executors.add(pool);
        CompletableFuture<TargetFacts> facts = CompletableFuture.supplyAsync(
                () -> TargetProbe.probe(client, target, config.profile(), config.helo()), pool);
        Map<String, String> variables = Map.of("helo", config.helo(), "mail_from", "conformance@" + config.helo(),
                "rcpt", "postmaster", CaseContext.TLS_STRICT, String.valueOf(config.tlsStrict()));
        Duration budget = caseBudget();
        Map<ConformanceCase, CompletableFuture<CaseResult>> results = new LinkedHashMap<>();
        for (ConformanceCase c : cases) {
            CompletableFuture<CaseResult> result = facts.thenComposeAsync(f -> {
                CaseResult skipped = skip(c, f);
                if (skipped != null) {
                    return CompletableFuture.completedFuture(skipped);
                }
                CaseContext context = new CaseContext(client, target, config.profile(), f, variables, config.timeout());
                return CompletableFuture.supplyAsync(() -> c.run(context), pool)
                        .completeOnTimeout(CaseResult.notRun(c, Verdict.INCONCLUSIVE, "the case did not finish within "
                                + budget.toSeconds() + " s (smtp.timeout x 12); the server is too slow to judge"),
                                budget.toMillis(), TimeUnit.MILLISECONDS);
            }, pool).exceptionally(e -> CaseResult.notRun(c, Verdict.INCONCLUSIVE, "internal error in the suite: " + e));
            results.put(c, result);
        }
        return new TargetRun(target, facts, results, started);
    }

    /** Decides before connecting whether a case can apply; null when it should run. */
    private CaseResult skip(ConformanceCase c, TargetFacts facts) {
        if (!c.requirement().appliesTo(config.profile())) {
            return CaseResult.notRun(c, Verdict.NOT_APPLICABLE, "applies to the profiles " + c.requirement().profiles()
                    + ", not to " + config.profile());
        }
        if (!facts.reachable()) {
            return CaseResult.notRun(c, Verdict.INCONCLUSIVE, facts.problem().orElse("target not reachable"));
        }
        // with implicit TLS there is no cleartext EHLO: the one inside TLS is the first the client sees
        List<String> firstEhlo = config.profile().usesStartTls() ? facts.keywordsClear() : facts.keywordsTls();
        for (String keyword : c.needsClear()) {
            if (!firstEhlo.contains(keyword)) {
                return CaseResult.notRun(c, Verdict.NOT_APPLICABLE, "the server does not advertise " + keyword
                        + " in its first EHLO reply");
            }
        }
        for (String keyword : c.needsTls()) {
            if (!facts.keywordsTls().contains(keyword)) {
                return CaseResult.notRun(c, Verdict.NOT_APPLICABLE, "the server does not advertise " + keyword
                        + " in its EHLO reply inside TLS");
            }
        }
        return null;
    }

    private Duration caseBudget() {
        return config.timeout().multipliedBy(12);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        executors.forEach(ExecutorService::shutdownNow);
    }
}
