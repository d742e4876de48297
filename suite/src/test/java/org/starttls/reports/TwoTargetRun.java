package org.starttls.reports;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.starttls.Suite;
import org.starttls.cases.ConformanceCase;
import org.starttls.checks.CheckLibrary;
import org.starttls.checks.ScriptCase;
import org.starttls.config.SuiteConfig;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Summary;

/**
 * One run of the catalogue's script cases against two embedded servers at once, as {@code -Dsmtp.target=a,b} does: the
 * reference server and the zoo's {@link Variant#STARTTLS_ADVERTISED_IN_TLS} (breaking RFC 3207 §4.2's MUST NOT). Its
 * summary.json and reports are written once per test JVM under {@code target/two-target-report} and shared by the
 * tests that read them.
 */
final class TwoTargetRun {

    static final String BROKEN_REQUIREMENT = "RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS";
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private static TwoTargetRun instance;

    final Path dir;
    final Summary summary;
    final String referenceTarget;
    final String faultyTarget;

    private TwoTargetRun(Path dir, Summary summary, String referenceTarget, String faultyTarget) {
        this.dir = dir;
        this.summary = summary;
        this.referenceTarget = referenceTarget;
        this.faultyTarget = faultyTarget;
    }

    static synchronized TwoTargetRun get() throws Exception {
        if (instance == null) {
            instance = run(Path.of("target", "two-target-report").toAbsolutePath());
        }
        return instance;
    }

    private static TwoTargetRun run(Path dir) throws Exception {
        TestPki pki = TestPki.create();
        Path caPem = dir.resolve("ca.pem");
        java.nio.file.Files.createDirectories(dir);
        pki.writeCaPem(caPem);
        try (ReferenceServer reference = ReferenceServer.start(ServerOptions.builder(pki.server()).build());
             ReferenceServer faulty = Variant.STARTTLS_ADVERTISED_IN_TLS.start(pki.server())) {
            Summary summary = conformanceRun(dir, Map.of("smtp.target", reference.target() + "," + faulty.target(),
                    "smtp.tls.trust", caPem.toString()));
            return new TwoTargetRun(dir, summary, reference.target(), faulty.target());
        }
    }

    /** Runs the catalogue's script cases as configured; summary.json and the reports go into {@code dir}. */
    static Summary conformanceRun(Path dir, Map<String, String> properties) {
        Map<String, String> props = new java.util.HashMap<>(properties);
        props.put("smtp.report.dir", dir.toString());
        List<ConformanceCase> scripts = CheckLibrary.cases().stream().filter(c -> c instanceof ScriptCase).toList();
        return Suite.run(SuiteConfig.from(props), scripts, QUIET).summary();
    }

    Summary.RequirementResult result(String target, String id) {
        return summary.targets().stream().filter(t -> t.target().equals(target)).findFirst().orElseThrow()
                .results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
