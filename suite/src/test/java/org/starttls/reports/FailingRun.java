package org.starttls.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.zoo.Variant;

/**
 * One main-command run of the whole catalogue against a server that breaks rules at three levels:
 * {@link Variant#INSUFFICIENT_SECURITY_NOT_ENFORCED} (a MUST NOT, a SHOULD and an INFO requirement FAIL). Written once
 * per test JVM under {@code target/failing-report} (English) and {@code target/failing-report-de} (the same run with
 * {@code --report-lang de}), shared by the tests that read them.
 */
final class FailingRun {

    static final Variant VARIANT = Variant.INSUFFICIENT_SECURITY_NOT_ENFORCED;
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
        try (ReferenceServer server = VARIANT.start(pki.server())) {
            MainCommand run = MainCommand.run(dir.resolve("report"), "--tls-trust", ca.toString(), "--report-lang", lang,
                    server.target());
            return new FailingRun(run, server.target());
        }
    }

    Path dir() {
        return run.reportDir();
    }
}
