package org.starttls.zoo;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.starttls.RunResult;
import org.starttls.Suite;
import org.starttls.checks.CheckLibrary;
import org.starttls.config.SuiteConfig;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions.Mode;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * Runs every case of the suite against the reference server (in each mode) and against every faulty-server
 * variant, all at once: one {@link ConformanceRun} per profile and timeout, each with all its servers as targets,
 * so the timeouts of the robustness variants overlap instead of adding up.
 */
final class ZooRun {

    /** Per-reply timeout for correct servers and rule variants: generous, a loaded machine must not flake. */
    static final Duration RULE_TIMEOUT = Duration.ofSeconds(5);
    /** Per-reply timeout for robustness variants: they are judged on ending in bounded time, so keep it short. */
    static final Duration ROBUSTNESS_TIMEOUT = Duration.ofSeconds(1);
    /** DELAYED_REPLIES answers after this, above {@link #ROBUSTNESS_TIMEOUT}. */
    static final Duration REPLY_DELAY = ROBUSTNESS_TIMEOUT.multipliedBy(2);
    /** Simultaneous sessions per server (smtp.concurrency). */
    static final int SESSIONS_PER_SERVER = 2;
    /** A run still going after this hangs; each case has its own smaller budget (timeout x 12). */
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final String INTERNAL_ERROR = "internal error in the suite";
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** A server under test in the self-test: the reference server in one mode, or a variant. */
    private record Subject(String name, Optional<Variant> variant, Mode mode, Expectation expectation) {

        static Subject reference(Mode mode) {
            return new Subject("REFERENCE_" + mode, Optional.empty(), mode, Expectation.passesEverything());
        }

        static Subject of(Variant variant) {
            return new Subject(variant.name(), Optional.of(variant), variant.mode(), ZooExpectations.of(variant));
        }

        static Subject of(ZooExpectations.ExtraRun extra) {
            return new Subject(extra.variant().name() + "@" + Profile.valueOf(extra.mode().name()),
                    Optional.of(extra.variant()), extra.mode(), extra.expectation());
        }

        Profile profile() {
            return Profile.valueOf(mode.name());
        }

        Duration timeout() {
            return expectation.kind() == Expectation.Kind.ROBUSTNESS ? ROBUSTNESS_TIMEOUT : RULE_TIMEOUT;
        }

        ReferenceServer start(TestPki pki) {
            ServerOptions options = variant
                    .map(v -> v.options(pki).mode(mode).behaviour(v.behaviour(REPLY_DELAY)).build())
                    .orElseGet(() -> ServerOptions.builder(pki.server()).mode(mode).build());
            return ReferenceServer.start(options);
        }
    }

    /** The rows in order (references, then variants as declared) and the wall time of the whole run. */
    record Result(List<ZooRow> rows, Duration wallTime) {

        List<ZooRow> variants() {
            return rows.stream().filter(r -> r.variant().isPresent()).toList();
        }

        /** The rule variants built to break {@code id} that make it FAIL: they prove the check can fail. */
        List<String> killers(String id) {
            return failing(id, true);
        }

        /** The rule variants that make {@code id} FAIL as a consequence of the rule they break. */
        List<String> alsoFailing(String id) {
            return failing(id, false);
        }

        private List<String> failing(String id, boolean intended) {
            return variants().stream()
                    .filter(r -> r.expectation().kind() == Expectation.Kind.RULE && r.expectation().expectsFail(id))
                    .filter(r -> r.expectation().intended().equals(id) == intended)
                    .filter(r -> r.verdict(id).orElse(null) == Verdict.FAIL)
                    .map(ZooRow::name).toList();
        }
    }

    private record Group(Profile profile, Duration timeout) {
    }

    private ZooRun() {
    }

    /**
     * One {@link Suite#run} per profile and timeout, each with all its servers as targets, all groups at once; every
     * run writes its reports under {@code workDir/<profile>-<timeout>}.
     */
    static Result run(Path workDir) throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(workDir);
        TestPki pki = TestPki.create();
        Path caPem = workDir.resolve("zoo-ca.pem");
        pki.writeCaPem(caPem);
        List<Subject> subjects = Stream.of(Arrays.stream(Mode.values()).map(Subject::reference),
                Arrays.stream(Variant.values()).map(Subject::of),
                ZooExpectations.extraRuns().stream().map(Subject::of)).flatMap(s -> s).toList();

        List<AutoCloseable> open = new ArrayList<>();
        try {
            Map<Group, Map<String, Subject>> groups = new LinkedHashMap<>();
            for (Subject subject : subjects) {
                ReferenceServer server = subject.start(pki);
                open.add(server);
                groups.computeIfAbsent(new Group(subject.profile(), subject.timeout()), g -> new LinkedHashMap<>())
                        .put(server.target(), subject);
            }
            Map<Group, CompletableFuture<RunResult>> runs = new LinkedHashMap<>();
            groups.forEach((group, servers) -> runs.put(group, CompletableFuture.supplyAsync(() -> Suite.run(
                    config(group, servers.keySet(), caPem, workDir), CheckLibrary.cases(), QUIET))));
            Map<Subject, ZooRow> rows = new HashMap<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            for (Map.Entry<Group, CompletableFuture<RunResult>> run : runs.entrySet()) {
                Map<String, Subject> servers = groups.get(run.getKey());
                Summary summary;
                try {
                    summary = run.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).summary();
                } catch (TimeoutException e) {
                    servers.values().forEach(s -> rows.put(s, new ZooRow(s.name(), s.variant(), s.profile(), s.expectation(),
                            Map.of(), List.of("the run did not end within " + DEADLINE.toMinutes()
                            + " min: the suite hangs on this server"), DEADLINE.toMillis())));
                    continue;
                }
                for (Summary.TargetSummary target : summary.targets()) {
                    rows.put(servers.get(target.target()), row(servers.get(target.target()), target));
                }
            }
            return new Result(subjects.stream().map(rows::get).toList(), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    private static SuiteConfig config(Group group, Collection<String> targets, Path caPem, Path workDir) {
        return SuiteConfig.from(Map.of(
                "smtp.target", String.join(",", targets),
                "smtp.profile", group.profile().propertyValue(),
                "smtp.timeout", group.timeout().toMillis() + "ms",
                "smtp.tls.trust", caPem.toString(),
                "smtp.concurrency", Integer.toString(SESSIONS_PER_SERVER),
                // the reference server's account (ServerOptions defaults), so the cases that authenticate run
                "smtp.auth.user", ServerOptions.DEFAULT_AUTH_USER,
                "smtp.auth.password", ServerOptions.DEFAULT_AUTH_PASSWORD,
                "smtp.report.dir", workDir.resolve(group.profile() + "-" + group.timeout().toMillis() + "ms").toString()));
    }

    private static ZooRow row(Subject s, Summary.TargetSummary summary) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        List<String> troubles = new ArrayList<>();
        for (Summary.RequirementResult r : summary.results()) {
            verdicts.put(r.id(), r.verdict());
            r.cases().stream().filter(c -> c.detail().contains(INTERNAL_ERROR))
                    .forEach(c -> troubles.add(r.id() + " / " + c.name() + ": " + c.detail()));
        }
        return new ZooRow(s.name(), s.variant(), s.profile(), s.expectation(), verdicts, troubles,
                summary.durationMillis());
    }
}
