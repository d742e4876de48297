package org.starttls.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.summary.Summary;

/**
 * Exactly one run per invocation: the connections a target receives for one main-command run, counted by a relay in
 * front of it, are the sessions the run reports (summary.json {@code sessions}); the gate step after it (Maven's last
 * step) connects to nothing.
 */
class ConnectionCountTest {

    @Test
    void oneMainCommandRunOpensExactlyTheSessionsItReports(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create();
        Path ca = dir.resolve("ca.pem");
        pki.writeCaPem(ca);
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.builder(pki.server()).build());
             CountingProxy proxy = new CountingProxy(server.port())) {
            MainCommand run = MainCommand.run(dir.resolve("report"), "--tls-trust", ca.toString(), proxy.target());
            int afterRun = proxy.accepted();
            MainCommand gate = run.gate();

            Summary.TargetSummary target = run.summary().targets().get(0);
            System.out.printf("[connection-count] %s: the target accepted %d connections; summary.json reports "
                    + "sessions=%d for %d requirements, %d cases; after the gate step: %d%n", proxy.target(), afterRun,
                    target.sessions(), target.results().size(), target.cases(), proxy.accepted());
            assertThat(run.exitCode()).as(run.text()).isZero();
            assertThat(target.sessions()).as("sessions in summary.json").isEqualTo(afterRun);
            // one probe session plus at least one per case that ran: a second run would double it
            assertThat(afterRun).isLessThan(2 * (int) target.cases());
            assertThat(gate.exitCode()).isZero();
            assertThat(proxy.accepted()).as("connections after the gate step").isEqualTo(afterRun);
        }
    }
}
