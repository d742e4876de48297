package org.starttls.many;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.RunResult;
import org.starttls.Suite;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ConnectionLog;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * The politeness limits as the server sees them, not as configured: one reference server, two targets that are the
 * same server under two names ({@code 127.0.0.1:PORT} and {@code localhost:PORT}, one address, so one set of limits),
 * {@code smtp.concurrency=3} and {@code smtp.rate=6/1s}. The server's own log of connections ({@link ConnectionLog}) must
 * never show more than 3 open at once nor more than 6 accepted within any second, and every verdict must still be
 * reached: waiting for the limits is not a reason for INCONCLUSIVE.
 *
 * <p>Both bounds are exact, not statistical: a session counts against the rate until a window after it ended, so any
 * window of accepts at the server holds at most the rate's number (the server accepts a connection after our start and
 * before our end), and the log's intervals lie within the client's (see {@link ConnectionLog}).
 */
class PolitenessObservedTest {

    private static final int AT_ONCE = 3;
    private static final int PER_WINDOW = 6;
    private static final Duration WINDOW = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private final ConnectionLog log = new ConnectionLog();
    private Path ca;

    /** A reference server that logs its connections, with a CA of its own that {@link #ca} names. */
    private ReferenceServer server() throws Exception {
        TestPki pki = TestPki.create();
        ca = dir.resolve("ca.pem");
        pki.writeCaPem(ca);
        return ReferenceServer.start(ServerOptions.builder(pki.server()).behaviour(log).build());
    }

    @Test
    void theServerNeverSeesMoreThanTheLimitsAndEveryVerdictIsReached() throws Exception {
        try (ReferenceServer server = server()) {
            RunResult result = Suite.run(Map.of(
                    "smtp.target", server.target() + ",localhost:" + server.port(),
                    "smtp.tls.trust", ca.toString(),
                    "smtp.select", "RFC3207-4.2-*",
                    "smtp.concurrency", String.valueOf(AT_ONCE),
                    "smtp.rate", PER_WINDOW + "/" + WINDOW.toSeconds() + "s",
                    "smtp.report.dir", dir.resolve("report").toString()), new PrintStream(OutputStream.nullOutputStream()));

            List<ConnectionLog.Connection> seen = log.connections();
            int atOnce = ConnectionLog.maxConcurrent(seen);
            int perWindow = ConnectionLog.maxStartsWithin(seen, WINDOW);
            System.out.printf("[politeness] the server saw %d sessions from %s: at most %d at once (limit %d), at most %d "
                            + "accepted within any %d s (limit %d); accepted per 500 ms: %s%n", seen.size(),
                    seen.stream().map(ConnectionLog.Connection::client).distinct().toList(), atOnce, AT_ONCE, perWindow,
                    WINDOW.toSeconds(), PER_WINDOW, ConnectionLog.startsPer(seen, Duration.ofMillis(500)));

            assertThat(result.exit()).isEqualTo(ExitCode.PASSED);
            assertThat(result.summary().targets()).hasSize(2).allSatisfy(t -> assertThat(t.results())
                    .extracting(Summary.RequirementResult::verdict).doesNotContain(Verdict.INCONCLUSIVE, Verdict.FAIL));
            assertThat(seen.size()).as("both targets' sessions, more than a window's worth").isGreaterThan(2 * PER_WINDOW);
            assertThat(seen).extracting(ConnectionLog.Connection::client).containsOnly("127.0.0.1");
            assertThat(atOnce).isBetween(1, AT_ONCE);
            assertThat(perWindow).isBetween(1, PER_WINDOW);
        }
    }

    /**
     * Waiting for the limits is not the server's slowness: with {@code smtp.timeout=3s} (long enough for every reply on
     * a loaded machine) a case's budget is 12 timeouts, 36 s, and its backstop 2 s later, 38 s; {@code smtp.rate=2/40s}
     * makes the third session wait 40 s after the first ended, longer than both; that case must still run and be judged,
     * never end as "did not finish within its budget".
     */
    @Test
    void aWaitLongerThanACasesBudgetDoesNotSpendIt() throws Exception {
        Duration timeout = Duration.ofSeconds(3);
        Duration window = Duration.ofSeconds(40);
        try (ReferenceServer server = server()) {
            RunResult result = Suite.run(Map.of("smtp.target", server.target(), "smtp.tls.trust", ca.toString(),
                    "smtp.select", "RFC3207-3-INFO-STARTTLS-ADVERTISED,RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS",
                    "smtp.timeout", timeout.toSeconds() + "s", "smtp.rate", "2/" + window.toSeconds() + "s",
                    "smtp.report.dir", dir.resolve("wait").toString()), new PrintStream(OutputStream.nullOutputStream()));

            List<ConnectionLog.Connection> seen = log.connections();
            assertThat(window).as("the wait outlasts a case's budget and backstop").isGreaterThan(timeout.multipliedBy(12)
                    .plusSeconds(2));
            assertThat(seen).hasSize(3);
            assertThat(seen.get(2).acceptedNanos() - seen.get(0).lastReplyNanos())
                    .as("the third session waited a window after the first").isGreaterThanOrEqualTo(window.toNanos());
            assertThat(result.summary().targets().get(0).results()).flatExtracting(Summary.RequirementResult::cases)
                    .extracting(Summary.CaseSummary::detail).allSatisfy(detail -> assertThat(detail)
                            .doesNotContain("did not finish within its budget").doesNotContain("used up its budget"));
        }
    }
}
