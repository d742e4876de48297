package org.starttls.clientmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.starttls.Suite;
import org.starttls.config.SuiteConfig;
import org.starttls.fixtures.clientzoo.ClientFlaw;
import org.starttls.fixtures.clientzoo.ZooClient;
import org.starttls.fixtures.realclients.Launch;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * Verdicts need their judged moment and unambiguous evidence: clients that break no STARTTLS rule but look like ones
 * that do get no FAIL, and clients that never get to what a case judges, or are still going when it is judged, get no
 * PASS and no NOT_APPLICABLE.
 */
class ClientEvidenceTest {

    private static final Path WORK = Path.of("target", "client-evidence").toAbsolutePath();
    private static final String CAPABILITIES = "RFC3207-4.2-MUST-DISCARD-CAPABILITIES";
    private static final String INJECTED = "RFC3207-4.2-MUST-DISCARD-INJECTED-REPLIES";
    private static final String RETRY = "RFC5321-4.2.1-SHOULDNOT-REPEAT-AFTER-530";
    private static final List<Socket> LEFT_OPEN = new CopyOnWriteArrayList<>();

    private static List<Summary.CaseSummary> run(String name, Launch.Driver driver, Profile profile, String select,
                                                 Duration timeout) {
        SuiteConfig config = SuiteConfig.from(Map.of("smtp.report.dir", WORK.resolve(name + "-" + profile).toString(),
                        "smtp.gate", "NONE", "smtp.concurrency", "4", "smtp.select", select))
                .withClient(ClientUnderTest.driver(name, driver, profile, timeout));
        Summary summary = Suite.run(config, new PrintStream(OutputStream.nullOutputStream())).summary();
        return summary.targets().get(0).results().stream().flatMap(r -> r.cases().stream()).toList();
    }

    private static Summary.CaseSummary one(ClientFlaw flaw, String requirement) {
        List<Summary.CaseSummary> cases = run(flaw.name(), new ZooClient(flaw), Profile.REQUIRE_TLS, requirement,
                Duration.ofSeconds(30));
        assertThat(cases).hasSize(1);
        return cases.get(0);
    }

    @Test
    void aClientSetToUsePlainIsNotTakenForOneThatKeptTheCleartextCapabilities() {
        Summary.CaseSummary c = one(ClientFlaw.FORCES_AUTH_PLAIN, CAPABILITIES);
        assertThat(c.verdict()).as("%s%n%s", c.detail(), c.transcript()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(c.detail()).contains("'AUTH PLAIN ***' inside TLS").contains("in the control run too");
        assertThat(c.transcript()).contains("*** control run").contains("CAPABILITIES_CONTROL");
    }

    @Test
    void aClientSetToUsePlainIsNotTakenForOneThatReadTheInjectedLines() {
        Summary.CaseSummary c = one(ClientFlaw.FORCES_AUTH_PLAIN, INJECTED);
        assertThat(c.verdict()).as("%s%n%s", c.detail(), c.transcript()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(c.detail()).contains("'AUTH PLAIN ***' inside TLS").contains("in the control run too");
    }

    @Test
    void aClientThatKeptTheCleartextCapabilitiesStillFailsAgainstTheControl() {
        Summary.CaseSummary c = one(ClientFlaw.KEEPS_CLEARTEXT_CAPABILITIES, CAPABILITIES);
        assertThat(c.verdict()).as("%s%n%s", c.detail(), c.transcript()).isEqualTo(Verdict.FAIL);
        assertThat(c.detail()).startsWith("the client sent 'AUTH PLAIN ***' inside TLS")
                .contains("in the control run, where it was offered nowhere, it did not use it");
    }

    @Test
    void aQuitAheadOfTheLastReplyIsNotAnInjection() {
        Summary.CaseSummary c = one(ClientFlaw.QUITS_BEFORE_DATA_REPLY, INJECTED);
        assertThat(c.transcript()).contains("<<< #1 [tls]   QUIT");
        assertThat(c.verdict()).as("%s%n%s", c.detail(), c.transcript()).isEqualTo(Verdict.PASS);
        assertThat(c.detail()).startsWith("inside TLS the client waited for the held reply to 'EHLO");
    }

    @Test
    void aClientThatReadsTheInjectedLinesFailsOnTheCommandItSentDuringTheHold() {
        Summary.CaseSummary c = one(ClientFlaw.KEEPS_PRE_TLS_BUFFER, INJECTED);
        assertThat(c.verdict()).as("%s%n%s", c.detail(), c.transcript()).isEqualTo(Verdict.FAIL);
        assertThat(c.detail()).startsWith("inside TLS the client sent 'AUTH PLAIN ***' inside TLS")
                .contains("while the server still held its reply to 'EHLO");
    }

    /** A handshake that fails on the injected lines proves something only if the client completes one without them. */
    @Test
    void aClientWhoseHandshakesAllFailDoesNotPassTheInjection() {
        Launch.Driver wrongName = env -> {
            Map<String, String> told = new HashMap<>(env);
            told.put("SMTP_TEST_SERVERNAME", "wrong.example");
            return new ZooClient(ClientFlaw.NONE).send(told);
        };
        List<Summary.CaseSummary> cases = run("wrong-name", wrongName, Profile.REQUIRE_TLS, INJECTED,
                Duration.ofSeconds(30));
        assertThat(cases).singleElement().satisfies(c -> {
            assertThat(c.verdict()).as("%s%n%s", c.detail(), c.transcript()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(c.detail()).contains("in the control run, with nothing injected, it completed no handshake");
        });
    }

    @Test
    void aClientThatExitsAfterTheGreetingPassesNothing() {
        // not implicit-tls: there the greeting comes inside TLS, so nothing tells the client the server has seen it
        for (Profile profile : List.of(Profile.REQUIRE_TLS, Profile.OPPORTUNISTIC)) {
            List<Summary.CaseSummary> cases = run("exits-after-greeting", new ZooClient(ClientFlaw.EXITS_AFTER_GREETING),
                    profile, "*", Duration.ofSeconds(30));
            assertThat(cases).as("under %s", profile).isNotEmpty().allSatisfy(c -> assertThat(c.verdict())
                    .as("%s under %s: %s", c.name(), profile, c.detail()).isIn(Verdict.INCONCLUSIVE,
                            Verdict.NOT_APPLICABLE));
            // NOT_APPLICABLE only where the case does not apply to the profile, never from what the client did not do
            assertThat(cases).filteredOn(c -> c.verdict() == Verdict.NOT_APPLICABLE)
                    .allSatisfy(c -> assertThat(c.detail()).as(c.name()).containsAnyOf("applies to the client profiles",
                            "cannot be played to a client of the profile"));
        }
    }

    @Test
    void aClientEndedAtItsTimeBoundGetsNoNotApplicable() {
        CountDownLatch never = new CountDownLatch(1);
        Launch.Driver hangs = env -> {
            try (Socket socket = greeted(env)) {
                never.await();
                return 0;
            }
        };
        List<Summary.CaseSummary> cases = run("hangs", hangs, Profile.OPPORTUNISTIC, RETRY, Duration.ofSeconds(2));
        assertThat(cases).singleElement().satisfies(c -> {
            assertThat(c.verdict()).as(c.detail()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(c.detail()).contains("did not finish within its time bound");
        });
    }

    @Test
    void aConnectionLeftOpenGetsNoNotApplicable() {
        Launch.Driver leaves = env -> {
            LEFT_OPEN.add(greeted(env));
            return 0;
        };
        List<Summary.CaseSummary> cases = run("leaves-open", leaves, Profile.OPPORTUNISTIC, RETRY, Duration.ofSeconds(30));
        assertThat(cases).singleElement().satisfies(c -> {
            assertThat(c.verdict()).as(c.detail()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(c.detail()).contains("a connection was still open");
        });
    }

    /** A connection on which the greeting was read and EHLO answered. */
    private static Socket greeted(Map<String, String> env) throws Exception {
        Socket socket = new Socket(env.get("SMTP_TEST_HOST"), Integer.parseInt(env.get("SMTP_TEST_PORT")));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        readReply(in);
        socket.getOutputStream().write("EHLO client.conformance.invalid\r\n".getBytes(StandardCharsets.US_ASCII));
        readReply(in);
        return socket;
    }

    private static void readReply(BufferedReader in) throws Exception {
        String line;
        do {
            line = in.readLine();
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
    }

    @AfterAll
    static void closeLeftOpen() throws Exception {
        for (Socket s : LEFT_OPEN) {
            s.close();
        }
    }
}
