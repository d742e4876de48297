package org.starttls.clientmode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.starttls.cases.CaseContext;
import org.starttls.cases.CaseResult;
import org.starttls.cases.ConformanceCase;
import org.starttls.config.SuiteConfig;
import org.starttls.i18n.Language;
import org.starttls.summary.Role;
import org.starttls.summary.Verdict;

/**
 * Runs the client requirements' cases against the client under test (DESIGN §9): per case a fresh fake server on a free
 * loopback port and one run of the client, {@code smtp.concurrency} cases at a time. Returns each case's result, in
 * catalogue order; the run's summary is built from them like a server target's.
 */
public final class ClientModeRun {

    /** What a finished client-mode run hands to the summary. */
    public record Result(ClientUnderTest client, Map<ConformanceCase, CaseResult> results, long durationMillis) {

        /** Why the client could not be evaluated at all, if so: it never connected to any fake server. */
        public java.util.Optional<String> problem() {
            boolean ran = results.values().stream().anyMatch(r -> r.verdict() != Verdict.NOT_APPLICABLE);
            boolean connected = results.values().stream().anyMatch(r -> !r.transcript().isEmpty()
                    && !r.transcript().startsWith(Recording.NEVER_CONNECTED));
            return ran && !connected ? java.util.Optional.of("the client under test (" + client.name() + ") never "
                    + "connected to the fake server in any case; check the command and that it reads SMTP_TEST_HOST "
                    + "and SMTP_TEST_PORT") : java.util.Optional.empty();
        }
    }

    private ClientModeRun() {
    }

    /** Runs the selected client cases of {@code cases}; progress lines go to {@code console}, one per finished case. */
    public static Result run(SuiteConfig config, List<ConformanceCase> cases, PrintStream console) {
        ClientUnderTest client = config.client().orElseThrow(() -> new IllegalArgumentException("not a client-mode run"));
        List<ConformanceCase> selected = cases.stream().filter(c -> c.requirement().role() == Role.CLIENT)
                .filter(c -> config.selects(c.requirement().id())).toList();
        config.checkSelection(selected.stream().map(ConformanceCase::requirement).distinct().toList());
        long started = System.nanoTime();
        Language language = Language.orEnglish(config.reportLang());
        Map<ConformanceCase, CompletableFuture<CaseResult>> futures = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(config.politeness().loopback().maxSessions(), daemonThreads());
        try (ServerKit kit = ServerKit.create()) {
            ClientModeContext mode = new ClientModeContext(client, kit);
            for (ConformanceCase c : selected) {
                futures.put(c, CompletableFuture.supplyAsync(() -> runOne(c, mode, config), pool)
                        .whenComplete((r, e) -> console.println(r == null ? "[smtp] a client case ended without a result"
                                : r.progressLine("client", language))));
            }
            Map<ConformanceCase, CaseResult> results = new LinkedHashMap<>();
            futures.forEach((c, f) -> results.put(c, f.join()));
            return new Result(client, results, Duration.ofNanos(System.nanoTime() - started).toMillis());
        } finally {
            pool.shutdownNow();
        }
    }

    private static CaseResult runOne(ConformanceCase c, ClientModeContext mode, SuiteConfig config) {
        if (!c.requirement().appliesTo(mode.client().profile())) {
            return CaseResult.notRun(c, Verdict.NOT_APPLICABLE, "applies to the client profiles " + c.requirement()
                    .profiles() + ", not to " + mode.client().profile());
        }
        try {
            return c.run(new CaseContext(mode, mode.client().profile(), config.timeout()));
        } catch (RuntimeException e) {
            return CaseResult.notRun(c, Verdict.INCONCLUSIVE, "internal error in the suite: " + e);
        }
    }


    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "smtp-client-case-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
