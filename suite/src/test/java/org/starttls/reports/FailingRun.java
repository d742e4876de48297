package org.starttls.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.Reply;
import org.starttls.fixtures.server.ServerOptions;

/**
 * One main-command run of the whole catalogue against a server that breaks rules at three levels (a MUST NOT, a SHOULD
 * and an INFO requirement FAIL; two zoo variants' faults at once, see {@link ThreeLevelFaults}). Written once per test
 * JVM under {@code target/failing-report} (English) and {@code target/failing-report-de} (the same run with
 * {@code --report-lang de}), shared by the tests that read them.
 */
final class FailingRun {

    /**
     * The zoo's NO_ENHANCED_CODE_ON_530 (the SHOULD of RFC 3207 §4 and the INFO of RFC 2034) and STARTTLS listed again
     * inside TLS (the MUST NOT of RFC 3207 §4.2), independent of each other so that each is judged as on its own.
     */
    static final class ThreeLevelFaults extends Behaviour {
        @Override
        protected Reply startTlsRequired() {
            return super.startTlsRequired().withoutEnhancedCode();
        }

        @Override
        protected boolean advertisesStartTls(boolean tlsActive) {
            return true;
        }
    }

    private static FailingRun english;
    private static FailingRun german;

    final MainCommand run;
    final String target;

    private FailingRun(MainCommand run, String target) {
        this.run = run;
        this.target = target;
    }

    static synchronized FailingRun english() throws Exception {
        if (english == null) {
            english = run("failing-report", "en");
        }
        return english;
    }

    static synchronized FailingRun german() throws Exception {
        if (german == null) {
            german = run("failing-report-de", "de");
        }
        return german;
    }

    private static FailingRun run(String folder, String lang) throws Exception {
        Path dir = Path.of("target", folder).toAbsolutePath();
        Files.createDirectories(dir);
        TestPki pki = TestPki.create();
        Path ca = dir.resolve("ca.pem");
        pki.writeCaPem(ca);
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.builder(pki.server())
                .behaviour(new ThreeLevelFaults()).build())) {
            MainCommand run = MainCommand.run(dir.resolve("report"), "--tls-trust", ca.toString(), "--report-lang", lang,
                    server.target());
            return new FailingRun(run, server.target());
        }
    }

    Path dir() {
        return run.reportDir();
    }
}
