package org.starttls.run;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.starttls.cases.CaseContext;
import org.starttls.cases.CaseResult;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.TargetFacts;
import org.starttls.client.Deadline;
import org.starttls.client.SmtpClient;
import org.starttls.client.Target;
import org.starttls.config.SuiteConfig;
import org.starttls.summary.Verdict;

/**
 * Runs the selected cases against every target. Each target gets at most {@code smtp.concurrency} simultaneous
 * sessions (real servers refuse more from one client), independent cases overlap so their timeouts and quiet periods
 * do not add up, and every case has a time budget after which it is INCONCLUSIVE.
 */
public final class ConformanceRun implements AutoCloseable {

    private final SuiteConfig config;
    static final int BUDGET_STEPS = 12;
    /** How long past its budget a case that ignores the session deadline still holds its result back. */
    private static final Duration BACKSTOP_GRACE = Duration.ofSeconds(2);

    private final SmtpClient client;
    private final List<ConformanceCase> cases;
    private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();

    public ConformanceRun(SuiteConfig config, SmtpClient client, List<ConformanceCase> cases) {
        this.config = config;
        this.client = client;
        this.cases = cases.stream().filter(c -> config.selects(c.requirement().id())).toList();
        config.checkSelection(this.cases.stream().map(ConformanceCase::requirement).distinct().toList());
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
        CompletableFuture<TargetFacts> facts = CompletableFuture.supplyAsync(() -> probe(target), pool);
        Map<String, String> variables = Map.of("helo", config.helo(), "mail_from", "conformance@" + config.helo(),
                "rcpt", "postmaster", CaseContext.TLS_STRICT, String.valueOf(config.tlsStrict()));
        AtomicReference<String> tooSlow = new AtomicReference<>();
        Map<ConformanceCase, CompletableFuture<CaseResult>> results = new LinkedHashMap<>();
        cases.forEach(c -> results.put(c, new CompletableFuture<>()));
        // one stage queues every case, the longest planned waits first (dependents of one future would fire in reverse
        // order); the results stay in catalogue order
        facts.whenCompleteAsync((f, error) -> longestWaitFirst(cases).forEach(c -> {
            CompletableFuture<CaseResult> result = results.get(c);
            try {
                CaseResult skipped = error != null ? internalError(c, error) : skip(c, f);
                if (skipped != null) {
                    result.complete(skipped);
                    return;
                }
                runInPool(c, () -> new CaseContext(client, target, config.profile(), f, variables, config.timeout(),
                        Deadline.after(caseBudget()), config.credentials()), tooSlow, pool, result);
            } catch (RuntimeException e) {
                result.complete(internalError(c, e));
            }
        }), pool);
        return new TargetRun(target, facts, results, started);
    }

    /**
     * The cases in the order they are queued: the longest {@link ConformanceCase#plannedWait() planned waits} first,
     * so that the quiet periods overlap at the start instead of trailing the run; otherwise catalogue order.
     */
    static List<ConformanceCase> longestWaitFirst(List<ConformanceCase> cases) {
        return cases.stream().sorted(Comparator.comparing(ConformanceCase::plannedWait).reversed()).toList();
    }

    /** The probe, once more after the {@code smtp.retry.421} pause when the server greeted with 421. */
    private TargetFacts probe(Target target) {
        TargetFacts facts = TargetProbe.probe(client, target, config.profile(), config.helo());
        boolean closing = facts.greeting().map(g -> g.code() == 421).orElse(false);
        if (closing && config.retry421().isPresent() && pause(config.retry421().get())) {
            return TargetProbe.probe(client, target, config.profile(), config.helo());
        }
        return facts;
    }

    /**
     * Runs a case on a pool thread. Its budget starts when it starts, not when it was queued; the session deadline
     * ends it within the budget, and a backstop releases the result even if a case ignores the deadline. Once one case
     * of a target used up its budget, the target's later cases are not started: a tarpit costs one budget, not one
     * per case.
     */
    private void runInPool(ConformanceCase c, Supplier<CaseContext> contexts, AtomicReference<String> tooSlow,
                           ExecutorService pool, CompletableFuture<CaseResult> result) {
        pool.execute(() -> {
            Duration backstop = caseBudget().plus(BACKSTOP_GRACE)
                    .plus(config.retry421().map(p -> p.plus(caseBudget())).orElse(Duration.ZERO));
            result.completeOnTimeout(CaseResult.notRun(c, Verdict.INCONCLUSIVE, "the case did not finish within "
                    + backstop.toSeconds() + " s; the server is too slow to judge"), backstop.toMillis(), TimeUnit.MILLISECONDS);
            String slow = tooSlow.get();
            if (slow != null) {
                result.complete(CaseResult.notRun(c, Verdict.INCONCLUSIVE, slow));
                return;
            }
            try {
                result.complete(runWithRetry(c, contexts, tooSlow));
            } catch (RuntimeException e) {
                result.complete(internalError(c, e));
            }
        });
    }

    private static CaseResult internalError(ConformanceCase c, Throwable e) {
        return CaseResult.notRun(c, Verdict.INCONCLUSIVE, "internal error in the suite: " + e);
    }

    private CaseResult runWithRetry(ConformanceCase c, Supplier<CaseContext> contexts, AtomicReference<String> tooSlow) {
        CaseContext context = contexts.get();
        CaseResult first = c.run(context);
        if (context.deadline().expired()) {
            tooSlow.compareAndSet(null, "not run: case " + c.name() + " used up its budget of " + caseBudget().toSeconds()
                    + " s (smtp.timeout x " + BUDGET_STEPS + ") against this target; the server answers too slowly to judge");
            return first;
        }
        Optional<Duration> pause = config.retry421();
        if (first.verdict() != Verdict.INCONCLUSIVE || !context.received421() || pause.isEmpty() || !pause(pause.get())) {
            return first;
        }
        CaseResult second = c.run(contexts.get());
        return new CaseResult(second.requirement(), second.caseName(), second.description(), second.verdict(),
                "run again after a 421 and a pause of " + pause.get().toMillis() + " ms (smtp.retry.421): " + second.detail(),
                first.transcript() + "\n*** 421: run again after " + pause.get().toMillis() + " ms\n" + second.transcript(),
                second.steps(), first.duration().plus(pause.get()).plus(second.duration()), second.tls(), second.source());
    }

    /** False when interrupted (the run is being closed). */
    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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

    /** The time one case may take: enough for a dozen slow replies, far less than a tarpit would stretch it to. */
    Duration caseBudget() {
        return config.timeout().multipliedBy(BUDGET_STEPS);
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
