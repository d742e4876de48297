package org.starttls.run;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.starttls.cases.CaseContext;
import org.starttls.cases.CaseResult;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.TargetFacts;
import org.starttls.cases.Texts;
import org.starttls.client.Deadline;
import org.starttls.client.Reply;
import org.starttls.client.SessionGate;
import org.starttls.client.SmtpClient;
import org.starttls.client.Target;
import org.starttls.config.SuiteConfig;
import org.starttls.i18n.Text;
import org.starttls.summary.Profile;
import org.starttls.summary.Role;
import org.starttls.summary.Verdict;
import org.starttls.targets.PlannedTarget;
import org.starttls.targets.Politeness;
import org.starttls.targets.PolitenessLimits;
import org.starttls.targets.RunTimeBound;

/**
 * Runs the selected cases against every target, all targets at once. How many sessions a server gets at once and per
 * minute is the run's {@link Politeness} (DESIGN §10), applied to every connection whoever opens it (probe, cases, TLS
 * probes); a case waiting for its turn does not spend its time budget. Independent cases of one target overlap so their
 * timeouts and quiet periods do not add up, and every case has a time budget after which it is INCONCLUSIVE.
 */
public final class ConformanceRun implements AutoCloseable {

    private final SuiteConfig config;
    static final int BUDGET_STEPS = 12;
    /** How long past its budget a case that ignores the session deadline still holds its result back. */
    private static final Duration BACKSTOP_GRACE = Duration.ofSeconds(2);
    /**
     * Sessions a case opens at most, for the upper time bound printed before the run: a script case opens one, a Java
     * check at most two at once and rarely more in all. The lower bound counts one per applicable case and one for the
     * probe. What a run really opens depends on the server: a case whose {@code @needs} the probe did not see opens
     * none (it is judged from the probe's facts), a Java check may open two; summary.json records the count per target.
     */
    static final int SESSIONS_PER_CASE = 2;

    private final SmtpClient client;
    private final List<ConformanceCase> cases;
    private final List<PlannedTarget> targets;
    private final Politeness politeness;
    /** The address of each target's host, if it resolved before the run: see {@link SmtpClient#addresses}. */
    private final Map<Target, Optional<InetAddress>> addresses;
    private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService backstops = Executors.newSingleThreadScheduledExecutor(daemonThreads("smtp-backstop"));
    private final Consumer<Text> progress;

    /** {@code progress} hears what the run is waiting for (the greeting of each target), to tell a silent console why. */
    public ConformanceRun(SuiteConfig config, SmtpClient client, List<ConformanceCase> cases, List<PlannedTarget> targets,
                          Politeness politeness, Consumer<Text> progress) {
        this.config = config;
        this.client = client;
        this.targets = List.copyOf(targets);
        this.politeness = politeness;
        this.progress = progress;
        // server requirements only: the client's are judged by the client mode (clientmode.ClientModeRun)
        this.cases = cases.stream().filter(c -> c.requirement().role() == Role.SERVER)
                .filter(c -> config.selects(c.requirement().id())).toList();
        config.checkSelection(this.cases.stream().map(ConformanceCase::requirement).distinct().toList(),
                targets.stream().map(PlannedTarget::profile).collect(Collectors.toSet()));
        this.addresses = client.addresses(targets.stream().map(PlannedTarget::target).toList());
    }

    /** The cases this run will execute per target, after {@code smtp.select}. */
    public List<ConformanceCase> cases() {
        return cases;
    }

    /**
     * How long the sessions of this run take at most under the politeness limits (every case opening
     * {@link #SESSIONS_PER_CASE} sessions and using its whole budget), and at least (one session per case, servers that
     * answer at once); {@link RunTimeBound#sessions()} is the lower count.
     */
    public RunTimeBound timeBound() {
        RunTimeBound least = timeBound(1);
        RunTimeBound most = timeBound(SESSIONS_PER_CASE);
        return new RunTimeBound(least.minimum(), most.maximum(), least.addresses(), least.sessions());
    }

    private RunTimeBound timeBound(int sessionsPerCase) {
        Map<String, Integer> remote = new TreeMap<>();
        Map<String, Integer> loopback = new TreeMap<>();
        for (PlannedTarget t : targets) {
            Optional<InetAddress> address = addresses.get(t.target());
            boolean local = address.map(InetAddress::isLoopbackAddress).orElse(false);
            (local ? loopback : remote).merge(Politeness.key(t.target(), address), sessions(t.profile(), sessionsPerCase),
                    Integer::sum);
        }
        Politeness.Limits limits = politeness.limits();
        return RunTimeBound.of(remote, limits.remote(), sessionHold())
                .and(RunTimeBound.of(loopback, limits.loopback(), sessionHold()));
    }

    /** The most a session may hold its place: its case's budget and grace. */
    public Duration sessionHold() {
        return caseBudget().plus(BACKSTOP_GRACE);
    }

    /** The probe and {@code perCase} sessions per case that applies; twice that when a 421 may bring a retry. */
    private int sessions(Profile profile, int perCase) {
        long applicable = cases.stream().filter(c -> c.requirement().appliesTo(profile)).count();
        return (int) ((1 + perCase * applicable) * (perCase > 1 && config.retry421().isPresent() ? 2 : 1));
    }

    /** Starts every target at once; the returned runs complete in the background. */
    public List<TargetRun> start() {
        return targets.stream().map(this::start).toList();
    }

    private TargetRun start(PlannedTarget planned) {
        long started = System.nanoTime();
        Target target = planned.target();
        Profile profile = planned.profile();
        SmtpClient targetClient = planned.serverNames().isEmpty() ? client : client.withServerNames(planned.serverNames());
        PolitenessLimits limits = addresses.get(planned.target()).map(politeness::limits).orElse(politeness.limits().remote());
        ExecutorService pool = Executors.newFixedThreadPool(limits.maxSessions(), daemonThreads("smtp-" + target));
        executors.add(pool);
        CompletableFuture<TargetFacts> facts = CompletableFuture.supplyAsync(() ->
                probe(targetClient.withGate(politeness.gate()), target, profile), pool);
        Map<String, String> variables = Map.of("helo", config.helo(), "mail_from", "conformance@" + config.helo(),
                "rcpt", "postmaster", CaseContext.TLS_STRICT, String.valueOf(config.tlsStrict()));
        AtomicReference<Text> tooSlow = new AtomicReference<>();
        Map<ConformanceCase, CompletableFuture<CaseResult>> results = new LinkedHashMap<>();
        cases.forEach(c -> results.put(c, new CompletableFuture<>()));
        // one stage queues every case, the longest planned waits first (dependents of one future would fire in reverse
        // order); the results stay in catalogue order
        facts.whenCompleteAsync((f, error) -> longestWaitFirst(cases).forEach(c -> {
            CompletableFuture<CaseResult> result = results.get(c);
            try {
                CaseResult skipped = error != null ? internalError(c, error) : skip(c, f, profile);
                if (skipped != null) {
                    result.complete(skipped);
                    return;
                }
                runInPool(c, budget -> new CaseContext(targetClient.withGate(budget.gate(politeness)), target,
                        profile, f, variables, config.timeout(), budget.deadline(), config.credentials()), tooSlow, pool,
                        result);
            } catch (RuntimeException e) {
                result.complete(internalError(c, e));
            }
        }), pool);
        return new TargetRun(planned, facts, results, started);
    }

    /**
     * The cases in the order they are queued: the longest {@link ConformanceCase#plannedWait() planned waits} first,
     * so that the quiet periods overlap at the start instead of trailing the run; otherwise catalogue order.
     */
    static List<ConformanceCase> longestWaitFirst(List<ConformanceCase> cases) {
        return cases.stream().sorted(Comparator.comparing(ConformanceCase::plannedWait).reversed()).toList();
    }

    /** The probe, once more after the {@code smtp.retry.421} pause when the server greeted with 421. */
    private TargetFacts probe(SmtpClient probeClient, Target target, Profile profile) {
        TargetFacts facts = TargetProbe.probe(probeClient, target, profile, config.helo(), progress);
        boolean closing = facts.greeting().map(g -> g.code() == 421).orElse(false);
        if (closing && config.retry421().isPresent() && pause(config.retry421().get())) {
            return TargetProbe.probe(probeClient, target, profile, config.helo(), progress);
        }
        return facts;
    }

    /**
     * Runs a case on a pool thread. Its budget starts when it starts, not when it was queued, and moves by the time it
     * waits for the politeness limits; the session deadline ends it within the budget, and a backstop releases the
     * result even if a case ignores the deadline. Once one case of a target used up its budget, the target's later
     * cases are not started: a tarpit costs one budget, not one per case.
     */
    private void runInPool(ConformanceCase c, Function<Budget, CaseContext> contexts, AtomicReference<Text> tooSlow,
                           ExecutorService pool, CompletableFuture<CaseResult> result) {
        pool.execute(() -> {
            Budget budget = new Budget(caseBudget());
            armBackstop(c, result, budget);
            Text slow = tooSlow.get();
            if (slow != null) {
                result.complete(CaseResult.notRun(c, Verdict.INCONCLUSIVE, slow));
                return;
            }
            try {
                result.complete(runWithRetry(c, contexts, budget, tooSlow));
            } catch (RuntimeException e) {
                result.complete(internalError(c, e));
            }
        });
    }

    /**
     * A case's time budget: its deadline, renewed for a retry, moved later by every wait for the politeness limits and
     * never over while such a wait lasts.
     */
    private static final class Budget {
        private final AtomicReference<Deadline> deadline;
        private final AtomicInteger waiting = new AtomicInteger();

        Budget(Duration budget) {
            deadline = new AtomicReference<>(Deadline.after(budget));
        }

        Deadline deadline() {
            return deadline.get();
        }

        void renew(Duration budget) {
            deadline.set(Deadline.after(budget));
        }

        /** The gate of one case context: the politeness limits, with every wait counted out of the budget. */
        SessionGate gate(Politeness politeness) {
            SessionGate limits = politeness.gate(waited -> deadline.get().extend(waited));
            return (address, target) -> {
                waiting.incrementAndGet();
                try {
                    return limits.admit(address, target);
                } finally {
                    waiting.decrementAndGet();
                }
            };
        }

        boolean over() {
            return waiting.get() == 0 && deadline.get().remaining().isZero();
        }

        Duration remaining() {
            return deadline.get().remaining();
        }
    }

    /**
     * Completes {@code result} as INCONCLUSIVE once the case's budget (as the politeness waits moved it, and as a retry
     * renewed it) and a grace have passed without a result.
     */
    private void armBackstop(ConformanceCase c, CompletableFuture<CaseResult> result, Budget budget) {
        Duration left = budget.remaining().plus(BACKSTOP_GRACE);
        backstops.schedule(() -> {
            if (result.isDone()) {
                return;
            }
            if (budget.over()) {
                result.complete(CaseResult.notRun(c, Verdict.INCONCLUSIVE, Texts.of("run.backstop",
                        caseBudget().plus(BACKSTOP_GRACE).toSeconds())));
            } else {
                armBackstop(c, result, budget);
            }
        }, left.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static CaseResult internalError(ConformanceCase c, Throwable e) {
        return CaseResult.notRun(c, Verdict.INCONCLUSIVE, Texts.of("run.internal_error", e));
    }

    private CaseResult runWithRetry(ConformanceCase c, Function<Budget, CaseContext> contexts, Budget budget,
                                    AtomicReference<Text> tooSlow) {
        CaseContext context = contexts.apply(budget);
        CaseResult first = c.run(context);
        if (context.deadline().expired()) {
            tooSlow.compareAndSet(null, Texts.of("run.too_slow", c.name(), caseBudget().toSeconds(), BUDGET_STEPS));
            return first;
        }
        Optional<Duration> pause = config.retry421();
        if (first.verdict() != Verdict.INCONCLUSIVE || !context.received421() || pause.isEmpty()) {
            return first;
        }
        budget.renew(pause.get().plus(caseBudget()));
        if (!pause(pause.get())) {
            return first;
        }
        budget.renew(caseBudget());
        CaseResult second = c.run(contexts.apply(budget));
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
    private CaseResult skip(ConformanceCase c, TargetFacts facts, Profile profile) {
        if (!c.requirement().appliesTo(profile)) {
            return CaseResult.notRun(c, Verdict.NOT_APPLICABLE, Texts.of("run.profile", c.requirement().profiles(),
                    profile));
        }
        if (!facts.reachable()) {
            return CaseResult.notRun(c, Verdict.INCONCLUSIVE, facts.problemText() != null ? facts.problemText()
                    : Texts.verbatim(facts.problem().orElse(Texts.of("run.unreachable").english())));
        }
        // with implicit TLS there is no cleartext EHLO: the one inside TLS is the first the client sees
        Optional<Reply> firstEhlo = profile.usesStartTls() ? facts.ehloClear() : facts.ehloTls();
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
        backstops.shutdownNow();
    }
}
