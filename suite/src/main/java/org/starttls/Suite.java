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
import org.starttls.cases.ConformanceCase;
import org.starttls.checks.CheckLibrary;
import org.starttls.client.SmtpClient;
import org.starttls.client.Target;
import org.starttls.clientmode.ClientModeRun;
import org.starttls.config.ConfigException;
import org.starttls.config.SuiteConfig;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.i18n.Language;
import org.starttls.reports.Reports;
import org.starttls.run.ConformanceRun;
import org.starttls.run.RunPlan;
import org.starttls.run.SummaryBuilder;
import org.starttls.run.TargetRun;
import org.starttls.script.ScriptParseException;
import org.starttls.summary.Gate;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;
import org.starttls.targets.Politeness;
import org.starttls.targets.RunTimeBound;

/**
 * The engine's one entry point, called by every door (the command-line tool, the Maven build, the Maven plugin) and
 * by the self-tests: one run of the selected cases against every target, or against the embedded reference server
 * when no target is given, then summary.json, the HTML summary and the Allure results. Exactly one run per call;
 * it never throws for anything a user can cause, and always writes summary.json.
 */
public final class Suite {

    private Suite() {
    }

    /**
     * The {@code smtp.*} settings in {@code settings} read and run; a refused setting is exit code 3. The map is the
     * caller's: a door that wants this JVM's {@code -Dsmtp.*} and {@code SMTP_*} passes
     * {@link SuiteConfig#settingsFromEnvironment()}, with its own options over them.
     */
    public static RunResult run(Map<String, String> settings, PrintStream console) {
        SuiteConfig config;
        try {
            config = SuiteConfig.from(settings);
        } catch (ConfigException e) {
            return refuse(SuiteConfig.reportDir(settings), e, settings.get("smtp.report.lang"));
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
     * still applies. With a client under test ({@code smtp.client.command}, DESIGN §9) the suite plays the server and
     * judges the client against the client requirements; otherwise it judges the targets against the server ones.
     */
    public static RunResult run(SuiteConfig config, List<ConformanceCase> cases, PrintStream console) {
        return run(config, CompletableFuture.completedFuture(cases), console);
    }

    private static RunResult run(SuiteConfig config, CompletableFuture<List<ConformanceCase>> catalogue,
                                 PrintStream console) {
        Instant startedAt = Instant.now();
        forgetPreviousSummary(config.reportDir());
        if (config.client().isPresent()) {
            try {
                ClientModeRun.Result result = ClientModeRun.run(config, loaded(catalogue), console);
                return write(SummaryBuilder.client(config, startedAt, result), config.reportDir(), config.reportLang());
            } catch (ConfigException e) {
                return refuse(config.reportDir(), e, config.reportLang());
            } catch (ScriptParseException broken) {
                return refuse(config.reportDir(), broken.getMessage(), null, config.reportLang());
            }
        }
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            SuiteConfig effective = config.embedded() ? startEmbeddedServer(config, resources) : config;
            RunPlan plan = RunPlan.make(effective, console);
            SmtpClient client = new SmtpClient(effective.clientSettings());
            resources.add(client);
            List<ConformanceCase> cases = loaded(catalogue);
            Language language = Language.orEnglish(config.reportLang());
            Politeness politeness = Politeness.of(effective.politeness());
            ConformanceRun run = new ConformanceRun(effective, client, cases, plan.targets(), politeness,
                    text -> console.println(text.in(language)));
            resources.add(run);
            bound(run, politeness, plan, console);
            List<TargetRun> runs = run.start();
            runs.forEach(target -> target.results().values().forEach(result -> result.thenAccept(r ->
                    console.println(r.progressLine(target.target().toString(), language)))));
            Summary summary = SummaryBuilder.build(effective, startedAt, runs, plan, client::connectionsTo,
                    config.embedded());
            return write(summary, effective.reportDir(), effective.reportLang());
        } catch (ConfigException e) {
            return refuse(config.reportDir(), e, config.reportLang());
        } catch (ScriptParseException broken) {
            return refuse(config.reportDir(), broken.getMessage(), null, config.reportLang());
        } finally {
            close(resources);
        }
    }

    /** The cases once the catalogue is read; a malformed requirement file as the {@link ScriptParseException} it is. */
    private static List<ConformanceCase> loaded(CompletableFuture<List<ConformanceCase>> catalogue) {
        try {
            return catalogue.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Prints the politeness limits and the time bound of the sessions before the first one, and makes the bound hold:
     * no session starts so late that it could end after it.
     */
    private static void bound(ConformanceRun run, Politeness politeness, RunPlan plan, PrintStream console) {
        if (plan.targets().isEmpty()) {
            return;
        }
        RunTimeBound bound = run.timeBound();
        console.println("[smtp] " + plan.targets().size() + " target" + (plan.targets().size() == 1 ? "" : "s")
                + "; politeness: " + politeness.limits().describe());
        console.println("[smtp] time bound: about " + bound.describe() + "; no session starts after that");
        politeness.admitUntil(System.nanoTime() + bound.maximum().minus(run.sessionHold()).toNanos());
    }

    /** A run refused before any connection: summary.json and the HTML say why, the exit code is 3. */
    public static RunResult refuse(Path reportDir, String reason) {
        return refuse(reportDir, reason, null, null);
    }

    private static RunResult refuse(Path reportDir, ConfigException e, String lang) {
        return refuse(reportDir, e.getMessage(), e.text() == null ? null : e.text().german(), lang);
    }

    /**
     * A run refused before any connection, with the reason in German too when known, in the report language when that
     * setting itself is valid (English otherwise).
     */
    public static RunResult refuse(Path reportDir, String reason, String reasonDe, String lang) {
        forgetPreviousSummary(reportDir);
        String language = Language.orEnglish(lang).tag();
        return write(SummaryBuilder.refused(Gate.MUST, Instant.now(), reason, reasonDe, language), reportDir, language);
    }

    /** Writes every report of {@code summary} (a merge of shards, say) into {@code reportDir}, replacing a previous one. */
    public static RunResult report(Summary summary, Path reportDir, String lang) {
        forgetPreviousSummary(reportDir);
        return write(summary, reportDir, lang);
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
