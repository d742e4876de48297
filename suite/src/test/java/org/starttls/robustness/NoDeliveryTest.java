package org.starttls.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;

/** A default run of the whole catalogue never completes a mail transaction, whatever the server's mode. */
class NoDeliveryTest {

    @TempDir
    Path reports;

    @ParameterizedTest
    @EnumSource(ServerOptions.Mode.class)
    void aFullRunDeliversNothing(ServerOptions.Mode mode) throws Exception {
        TestPki pki = TestPki.create();
        Path ca = reports.resolve("ca.pem");
        pki.writeCaPem(ca);
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.builder(pki.server()).mode(mode).build())) {
            RunHarness.Outcome outcome = RunHarness.run(Map.of("smtp.target", server.target(), "smtp.tls.trust", ca.toString(),
                    "smtp.profile", mode.name().toLowerCase().replace('_', '-'), "smtp.report.dir", reports.toString()),
                    RunHarness.catalogueCases());
            assertThat(outcome.target().error()).as("the target was evaluated").isNull();
            assertThat(server.deliveredMessages()).as("messages delivered during a default run").isZero();
        }
    }
}
