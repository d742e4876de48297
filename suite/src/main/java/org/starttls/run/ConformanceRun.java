package org.starttls.run;

import java.time.Duration;
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
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.starttls.cases.CaseContext;
import org.starttls.cases.CaseResult;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.TargetFacts;
import org.starttls.cases.Texts;
import org.starttls.client.Deadline;
import org.starttls.client.Reply;
import org.starttls.client.SmtpClient;
import org.starttls.client.Target;
import org.starttls.config.SuiteConfig;
import org.starttls.i18n.Text;
import org.starttls.summary.Role;
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
    private final Consumer<Text> progress;

    public ConformanceRun(SuiteConfig config, SmtpClient client, List<ConformanceCase> cases) {
        this(config, client, cases, text -> { });
    }

    /** {@code progress} hears what the run is waiting for (the greeting of each target), to tell a silent console why. */
    public ConformanceRun(SuiteConfig config, SmtpClient client, List<ConformanceCase> cases, Consumer<Text> progress) {
        this.config = config;
        this.client = client;
        this.progress = progress;
        // server requirements only: the client's are judged by the client mode (clientmode.ClientModeRun)
        this.cases = cases.stream().filter(c -> c.requirement().role() == Role.SERVER)
                .filter(c -> config.selects(c.requirement().id())).toList();
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
        // one stage queues every case in the given order (dependents of one future would fire in reverse order)
        facts.whenCompleteAsync((f, error) -> results.forEach((c, result) -> {
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

    /** The probe, once more after the {@code smtp.retry.421} pause when the server greeted with 421. */
    private TargetFacts probe(Target target) {
        TargetFacts facts = TargetProbe.probe(client, target, config.profile(), config.helo(), progress);
        boolean closing = facts.greeting().map(g -> g.code() == 421).orElse(false);
        if (closing && config.retry421().isPresent() && pause(config.retry421().get())) {
            return TargetProbe.probe(client, target, config.profile(), config.helo(), progress);
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
            result.completeOnTimeout(CaseResult.notRun(c, Verdict.INCONCLUSIVE, Texts.of("run.backstop",
                    backstop.toSeconds())), backstop.toMillis(), TimeUnit.MILLISECONDS);
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
        return CaseResult.notRun(c, Verdict.INCONCLUSIVE, Texts.of("run.internal_error", e));
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
                second.steps(), first.duration().plus(pause.get()).plus(second.duration()), second.tls(), second.source(),
                Texts.of("run.retried", pause.get().toMillis(), second.detailText() != null ? second.detailText()
                        : Texts.verbatim(second.detail())), second.judged());
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
            return CaseResult.notRun(c, Verdict.NOT_APPLICABLE, Texts.of("run.profile", c.requirement().profiles(),
                    config.profile()));
        }
        if (!facts.reachable()) {
            return CaseResult.notRun(c, Verdict.INCONCLUSIVE, facts.problemText() != null ? facts.problemText()
                    : Texts.verbatim(facts.problem().orElse(Texts.of("run.unreachable").english())));
        }
        // with implicit TLS there is no cleartext EHLO: the one inside TLS is the first the client sees
        Optional<Reply> firstEhlo = config.profile().usesStartTls() ? facts.ehloClear() : facts.ehloTls();
        CaseResult first = needs(c, c.needsClear(), firstEhlo, false, facts);
        return first != null ? first : needs(c, c.needsTls(), facts.ehloTls(), true, facts);
    }

    /**
     * NOT_APPLICABLE only from something observed: a 250 EHLO reply that omits a keyword the case needs. Without such
     * a reply (TLS never came up, EHLO refused) whether the server offers the extension is unknown: INCONCLUSIVE.
     */
    private static CaseResult needs(ConformanceCase c, List<String> keywords, Optional<Reply> ehlo, boolean insideTls,
                                    TargetFacts facts) {
        if (keywords.isEmpty()) {
            return null;
        }
        if (ehlo.filter(reply -> reply.code() == 250).isEmpty()) {
            String seen = ehlo.map(r -> "EHLO got " + r.code()).orElse(facts.problem().orElse("no EHLO reply"));
            return CaseResult.notRun(c, Verdict.INCONCLUSIVE, Texts.of(insideTls ? "run.unknown_tls" : "run.unknown_clear",
                    String.join(" and ", keywords), seen));
        }
        for (String keyword : keywords) {
            if (!ehlo.get().ehloKeywords().contains(keyword)) {
                return CaseResult.notRun(c, Verdict.NOT_APPLICABLE,
                        Texts.of(insideTls ? "run.not_advertised_tls" : "run.not_advertised_clear", keyword));
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
