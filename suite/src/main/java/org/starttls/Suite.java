package org.starttls;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.starttls.cases.CaseResult;
import org.starttls.cases.ConformanceCase;
import org.starttls.checks.CheckLibrary;
import org.starttls.client.SmtpClient;
import org.starttls.client.Target;
import org.starttls.config.ConfigException;
import org.starttls.config.SuiteConfig;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.reports.Reports;
import org.starttls.run.ConformanceRun;
import org.starttls.run.SummaryBuilder;
import org.starttls.run.TargetRun;
import org.starttls.script.ScriptParseException;
import org.starttls.summary.Gate;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;

/**
 * The engine's one entry point, called by every door (the command-line tool, the Maven build, the Maven plugin) and
 * by the self-tests: one run of the selected cases against every target, or against the embedded reference server
 * when no target is given, then summary.json, the HTML summary and the Allure results. Exactly one run per call;
 * it never throws for anything a user can cause, and always writes summary.json.
 */
public final class Suite {

    private Suite() {
    }

    /** The settings of this JVM ({@code -Dsmtp.*}, {@code SMTP_*}) read and run; a refused setting is exit code 3. */
    public static RunResult run(Map<String, String> settings, PrintStream console) {
        SuiteConfig config;
        try {
            config = SuiteConfig.from(settings);
        } catch (ConfigException e) {
            return refuse(SuiteConfig.reportDir(settings), e.getMessage());
        }
        return run(config, console);
    }

    /**
     * Runs the catalogue as {@code config} says; progress lines go to {@code console}, one per finished case. The
     * catalogue is read while the embedded server and the client start: both are mostly class loading, on two cores.
     */
    public static RunResult run(SuiteConfig config, PrintStream console) {
        CompletableFuture<List<ConformanceCase>> catalogue = CompletableFuture.supplyAsync(CheckLibrary::cases,
                Suite::startDaemon);
        return run(config, catalogue, console);
    }

    /**
     * Runs {@code cases} (the catalogue's, or the self-tests' own beside them) as {@code config} says. {@code smtp.select}
     * still applies.
     */
    public static RunResult run(SuiteConfig config, List<ConformanceCase> cases, PrintStream console) {
        return run(config, CompletableFuture.completedFuture(cases), console);
    }

    private static RunResult run(SuiteConfig config, CompletableFuture<List<ConformanceCase>> catalogue,
                                 PrintStream console) {
        Instant startedAt = Instant.now();
        forgetPreviousSummary(config.reportDir());
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            SuiteConfig effective = config.embedded() ? startEmbeddedServer(config, resources) : config;
            SmtpClient client = new SmtpClient(effective.clientSettings());
            resources.add(client);
            List<ConformanceCase> cases;
            try {
                cases = catalogue.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof ScriptParseException broken) {
                    return refuse(config.reportDir(), broken.getMessage());
                }
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            ConformanceRun run = new ConformanceRun(effective, client, cases);
            resources.add(run);
            List<TargetRun> runs = run.start();
            runs.forEach(target -> target.results().values().forEach(result -> result.thenAccept(r ->
                    console.println(progressLine(target.target(), r)))));
            Summary summary = SummaryBuilder.build(effective, startedAt, runs);
            return write(summary, effective.reportDir(), effective.reportLang());
        } catch (ConfigException e) {
            return refuse(config.reportDir(), e.getMessage());
        } finally {
            close(resources);
        }
    }

    /** A run refused before any connection: summary.json and the HTML say why, the exit code is 3. */
    public static RunResult refuse(Path reportDir, String reason) {
        forgetPreviousSummary(reportDir);
        return write(SummaryBuilder.refused(Gate.MUST, Instant.now(), reason), reportDir, "en");
    }

    /** One short line per finished case, e.g. {@code [smtp] FAIL  MUST NOT  RFC3207-4.2-...  127.0.0.1:2525  41 ms}. */
    static String progressLine(Target target, CaseResult r) {
        return String.format("[smtp] %-14s %-10s %-48s %s  %d ms", r.verdict(), r.requirement().level().keyword(),
                r.caseName(), target, r.duration().toMillis());
    }

    private static RunResult write(Summary summary, Path reportDir, String lang) {
        try {
            return new RunResult(summary, reportDir, Reports.write(summary, reportDir, lang));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports to " + reportDir + ": " + e.getMessage(), e);
        }
    }

    /** A daemon thread of its own: a run's helpers never hold a finished JVM. */
    private static void startDaemon(Runnable task) {
        Thread thread = new Thread(task, "smtp-catalogue");
        thread.setDaemon(true);
        thread.start();
    }

    /** A summary.json left by an earlier run must never be read as this run's. */
    private static void forgetPreviousSummary(Path reportDir) {
        try {
            Files.deleteIfExists(reportDir.resolve(SummaryJson.FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the previous " + SummaryJson.FILE_NAME + " in " + reportDir, e);
        }
    }

    /** The reference server on a free loopback port, with a certificate from a fresh test CA the run trusts. */
    private static SuiteConfig startEmbeddedServer(SuiteConfig base, List<AutoCloseable> resources) {
        try {
            TestPki pki = TestPki.create();
            Files.createDirectories(base.reportDir());
            Path caPem = base.reportDir().resolve("embedded-ca.pem");
            pki.writeCaPem(caPem);
            ReferenceServer server = ReferenceServer.start(ServerOptions.builder(pki.server())
                    .mode(ServerOptions.Mode.valueOf(base.profile().name())).build());
            resources.add(server);
            return base.withTargets(List.of(Target.parse(server.target())), caPem.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded reference server: " + e.getMessage(), e);
        }
    }

    private static void close(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // closing a finished run's client or server: nothing left to report
            }
        }
    }
}
