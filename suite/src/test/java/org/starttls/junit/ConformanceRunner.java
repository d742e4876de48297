package org.starttls.junit;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.starttls.client.SmtpClient;
import org.starttls.cases.JavaCases;
import org.starttls.client.Target;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.run.ConfigException;
import org.starttls.run.ConformanceCase;
import org.starttls.run.ConformanceRun;
import org.starttls.run.Summary;
import org.starttls.run.SummaryBuilder;
import org.starttls.run.SuiteConfig;
import org.starttls.run.TargetRun;
import org.starttls.script.ScenarioLibrary;
import org.starttls.script.ScriptParseException;

/**
 * One conformance run inside the JUnit engine: reads the configuration, stands up the embedded reference server
 * when no target is given, starts every case, and writes summary.json when the tests are done. A configuration or
 * script error is kept and reported once, as the factory's failure and in summary.json.
 */
public final class ConformanceRunner implements AutoCloseable {

    private final Instant startedAt = Instant.now();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private SuiteConfig config;
    private List<TargetRun> runs = List.of();
    private RuntimeException setupError;

    ConformanceRunner() {
        try {
            // a summary.json left by an earlier run must never be judged by the gate as this run's
            java.nio.file.Files.deleteIfExists(SuiteConfig.reportDirFromEnvironment().resolve(SummaryBuilder.FILE_NAME));
            config = SuiteConfig.fromEnvironment();
            List<ConformanceCase> cases = new ArrayList<>(ScenarioLibrary.load(scenarioRoot()));
            cases.addAll(JavaCases.all());
            if (config.embedded()) {
                config = startEmbeddedServer(config);
            }
            SmtpClient client = new SmtpClient(config.clientSettings());
            resources.add(client);
            ConformanceRun run = new ConformanceRun(config, client, cases);
            resources.add(run);
            runs = run.start();
        } catch (ConfigException | ScriptParseException e) {
            setupError = e;
        } catch (IOException e) {
            setupError = new ConfigException("cannot prepare the run: " + e.getMessage());
        }
    }

    /** The dynamic tests, or the setup error as the factory's one clear failure. */
    public Stream<DynamicNode> tests() {
        if (setupError != null) {
            throw setupError;
        }
        return ConformanceTests.of(runs);
    }

    /** Writes summary.json, whatever happened; returns its path. */
    Path finish() throws IOException {
        Summary summary = setupError != null
                ? SummaryBuilder.failed(config, startedAt, setupError.getMessage())
                : SummaryBuilder.build(config, startedAt, runs);
        Path dir = config == null ? SuiteConfig.reportDirFromEnvironment() : config.reportDir();
        return SummaryBuilder.write(summary, dir);
    }

    private SuiteConfig startEmbeddedServer(SuiteConfig base) throws IOException {
        TestPki pki = TestPki.create();
        Path caPem = base.reportDir().resolve("embedded-ca.pem");
        java.nio.file.Files.createDirectories(base.reportDir());
        pki.writeCaPem(caPem);
        ReferenceServer server = ReferenceServer.start(ServerOptions.builder(pki.server())
                .mode(ServerOptions.Mode.valueOf(base.profile().name())).build());
        resources.add(server);
        return base.withTargets(List.of(Target.parse(server.target())), caPem.toString());
    }

    private static Path scenarioRoot() {
        URL url = ConformanceRunner.class.getResource("/scenarios");
        if (url == null) {
            throw new ConfigException("no scenarios on the test classpath (expected src/test/resources/scenarios)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        resources.clear();
    }
}
