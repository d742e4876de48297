package org.starttls.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ConnectionLog;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.summary.Summary;

/**
 * Exactly one run per invocation: the connections a target accepts for one main-command run, counted by the server
 * itself ({@link ConnectionLog}), are the sessions the run reports (summary.json {@code sessions}); the gate step after it (Maven's last
 * step) connects to nothing.
 */
class ConnectionCountTest {

    @Test
    void oneMainCommandRunOpensExactlyTheSessionsItReports(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create();
        Path ca = dir.resolve("ca.pem");
        pki.writeCaPem(ca);
        ConnectionLog log = new ConnectionLog();
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.builder(pki.server()).behaviour(log).build())) {
            MainCommand run = MainCommand.run(dir.resolve("report"), "--tls-trust", ca.toString(), server.target());
            int afterRun = log.connections().size();
            MainCommand gate = run.gate();

            Summary.TargetSummary target = run.summary().targets().get(0);
            System.out.printf("[connection-count] %s: the target accepted %d connections; summary.json reports "
                    + "sessions=%d for %d requirements, %d cases; after the gate step: %d%n", server.target(), afterRun,
                    target.sessions(), target.results().size(), target.cases(), log.connections().size());
            assertThat(run.exitCode()).as(run.text()).isZero();
            assertThat(target.sessions()).as("sessions in summary.json").isEqualTo(afterRun);
            // one probe session plus at least one per case that ran: a second run would double it
            assertThat(afterRun).isLessThan(2 * (int) target.cases());
            assertThat(gate.exitCode()).isZero();
            assertThat(log.connections()).as("connections after the gate step").hasSize(afterRun);
        }
    }
}
