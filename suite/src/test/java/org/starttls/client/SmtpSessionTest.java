package org.starttls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.zoo.Variant;

@Timeout(30)
class SmtpSessionTest {

    private static final TestPki PKI = TestPki.selfSigned("mail.test");
    private static final Duration SHORT = Duration.ofMillis(300);

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        resources.add(0, resource);
        return resource;
    }

    private StubServer stub(StubServer.Conversation conversation) throws IOException {
        return closeLater(StubServer.plain(conversation));
    }

    private SmtpClient client(ClientSettings settings) {
        return closeLater(new SmtpClient(settings));
    }

    private SmtpClient client() {
        return client(ClientSettings.defaults().withReplyTimeout(Duration.ofSeconds(3))
                .withTrust(TrustConfig.anchors(List.of(PKI.certificate()))));
    }

    /** Greets, answers EHLO with STARTTLS, and upgrades on STARTTLS; SNI names go to {@code sni}. */
    private static StubServer.Conversation starttlsServer(String after220, AtomicReference<List<String>> sni) {
        return peer -> {
            peer.send("220 stub ESMTP\r\n");
            assertThat(peer.readLine()).isEqualTo("EHLO client.test");
            peer.send("250-stub\r\n250 STARTTLS\r\n");
            assertThat(peer.readLine()).isEqualTo("STARTTLS");
            peer.send("220 2.0.0 go ahead\r\n" + after220);
            sni.set(peer.startTls(PKI.serverContext()));
            for (String line; (line = peer.readLine()) != null; ) {
                assertThat(line).isEqualTo("EHLO client.test");
                peer.send("250 stub\r\n");
            }
        };
    }

    @Test
    void readsTheGreetingAndRunsCommands() throws Exception {
        StubServer server = stub(peer -> {
            peer.send("220 stub ESMTP ready\r\n");
            assertThat(peer.readLine()).isEqualTo("EHLO client.test");
            peer.send("250-stub greets client.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n");
            assertThat(peer.readLine()).isEqualTo("QUIT");
            peer.send("221 2.0.0 bye\r\n");
        });

        try (SmtpSession session = client().connect(server.target())) {
            assertThat(session.readReply().code()).isEqualTo(220);
            Reply ehlo = session.command("EHLO client.test");
            assertThat(ehlo.ehloKeywords()).containsExactly("PIPELINING", "STARTTLS");
            assertThat(session.command("QUIT").code()).isEqualTo(221);
            session.expectClose(Duration.ofSeconds(2));
            assertThat(session.tlsActive()).isFalse();

            String transcript = session.transcript().render();
            assertThat(transcript.lines()).allMatch(line -> line.matches(" *\\d+\\.\\d{3} (>>>|<<<|\\*\\*\\*) .*"));
            assertThat(transcript).contains("*** connecting to " + server.target(), "*** connected to " + server.target(),
                    "<<< 220 stub ESMTP ready", ">>> EHLO client.test", "<<< 250-stub greets client.test",
                    "<<< 250-PIPELINING", "<<< 250 STARTTLS", ">>> QUIT", "<<< 221 2.0.0 bye",
                    "*** connection closed by server");
        }
        assertThat(server.failures()).isEmpty();
    }

    @Test
    void sendsRawBytesInOneWriteAndShowsThemEscaped() throws Exception {
        StubServer server = stub(peer -> {
            peer.send("220 stub\r\n");
            assertThat(peer.readLine()).isEqualTo("NOOP");
            assertThat(peer.readLine()).isEqualTo("RSET");
            peer.send("250 2.0.0 noop\r\n250 2.0.0 reset\r\n");
            peer.awaitClientClose();
        });

        try (SmtpSession session = client().connect(server.target())) {
            session.readReply();
            session.sendRaw("NOOP\r\nRSET\r\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(session.readReply().text()).isEqualTo("2.0.0 noop");
            assertThat(session.readReply().text()).isEqualTo("2.0.0 reset");
            assertThat(session.transcript().render()).contains(">>> NOOP\\r\\nRSET\\r\\n");
        }
        assertThat(server.failures()).isEmpty();
    }

    @Test
    void masksSecretsInTheTranscriptOnly() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        StubServer server = stub(peer -> {
            peer.send("220 stub\r\n");
            received.set(peer.readLine());
            peer.send("235 2.7.0 ok\r\n");
            peer.awaitClientClose();
        });

        try (SmtpSession session = client().connect(server.target())) {
            session.readReply();
            session.sendMasked("AUTH PLAIN AHVzZXIAc2VjcmV0", "AUTH PLAIN ****");
            session.readReply();

            assertThat(session.transcript().render()).contains(">>> AUTH PLAIN ****").doesNotContain("AHVzZXIAc2VjcmV0");
        }
        assertThat(received).hasValue("AUTH PLAIN AHVzZXIAc2VjcmV0");
    }

    @Test
    void upgradesWithStartTlsAndRecordsTheFacts() throws Exception {
        AtomicReference<List<String>> sni = new AtomicReference<>();
        StubServer server = stub(starttlsServer("", sni));
        SmtpClient client = client(ClientSettings.defaults().withServerNames(List.of("mail.test"))
                .withTrust(TrustConfig.anchors(List.of(PKI.certificate()))));

        try (SmtpSession session = client.connect(server.target())) {
            session.readReply();
            session.command("EHLO client.test");
            assertThat(session.command("STARTTLS").code()).isEqualTo(220);
            TlsUpgrade upgrade = session.startTls();

            TlsFacts facts = upgrade.facts();
            assertThat(upgrade.plaintextAfter220()).isEmpty();
            assertThat(facts.protocol()).isEqualTo("TLSv1.3");
            assertThat(facts.cipherSuite()).startsWith("TLS_");
            assertThat(facts.peerChain()).containsExactly(PKI.certificate());
            assertThat(facts.peerSubject()).isEqualTo("CN=mail.test");
            assertThat(facts.chainProblem()).isEmpty();
            assertThat(facts.sniName()).contains("mail.test");
            assertThat(session.tlsActive()).isTrue();
            assertThat(session.tls()).contains(facts);
            assertThat(session.command("EHLO client.test").code()).isEqualTo(250);
            assertThat(session.transcript().render())
                    .contains("*** TLS TLSv1.3 " + facts.cipherSuite() + ", peer CN=mail.test, chain: valid");
        }
        assertThat(server.failures()).isEmpty();
        assertThat(sni.get()).containsExactly("mail.test");
    }

    @Test
    void trustAnyRecordsThatTheChainWasNotChecked() throws Exception {
        AtomicReference<List<String>> sni = new AtomicReference<>();
        StubServer server = stub(starttlsServer("", sni));

        try (SmtpSession session = client(ClientSettings.defaults().withTrust(TrustConfig.any())).connect(server.target())) {
            session.readReply();
            session.command("EHLO client.test");
            session.command("STARTTLS");

            assertThat(session.startTls().facts().chainProblem()).contains("not checked (trust=any)");
            // The server learns the SNI names only after the client's handshake is done.
            session.command("EHLO client.test");
        }
        assertThat(sni.get()).as("no SNI for an IP literal").isEmpty();
    }

    @Test
    void anUnknownIssuerIsRecordedButDoesNotStopTheHandshake() throws Exception {
        StubServer server = stub(starttlsServer("", new AtomicReference<>()));

        try (SmtpSession session = client(ClientSettings.defaults().withServerNames(List.of("mail.test"))).connect(server.target())) {
            session.readReply();
            session.command("EHLO client.test");
            session.command("STARTTLS");
            TlsFacts facts = session.startTls().facts();

            assertThat(facts.chainProblem()).contains(
                    "no chain to a trusted anchor: unknown issuer or self-signed certificate (trust=system)");
            assertThat(session.command("EHLO client.test").code()).isEqualTo(250);
        }
    }

    @Test
    void recordsTheChainVerdictWithTls12Too() throws Exception {
        StubServer server = stub(peer -> {
            peer.send("220 stub\r\n");
            peer.readLine();
            peer.send("220 go ahead\r\n");
            peer.startTls(PKI.serverContext(), "TLSv1.2");
            peer.awaitClientClose();
        });

        try (SmtpSession session = client().connect(server.target())) {
            session.readReply();
            session.command("STARTTLS");
            TlsFacts facts = session.startTls().facts();

            assertThat(facts.protocol()).isEqualTo("TLSv1.2");
            assertThat(facts.chainProblem()).isEmpty();
        }
    }

    @Test
    void readsTrustAnchorsFromAPemFile(@TempDir Path dir) throws Exception {
        StubServer server = stub(starttlsServer("", new AtomicReference<>()));
        TrustConfig fromPem = TrustConfig.parse(PKI.writePem(dir.resolve("ca.pem")).toString());

        try (SmtpSession session = client(ClientSettings.defaults().withTrust(fromPem)).connect(server.target())) {
            session.readReply();
            session.command("EHLO client.test");
            session.command("STARTTLS");

            assertThat(session.startTls().facts().chainProblem()).isEmpty();
        }
    }

    @Test
    void capturesPlaintextSentAfterThe220() throws Exception {
        StubServer server = stub(starttlsServer("250 injected\r\n250 par", new AtomicReference<>()));

        try (SmtpSession session = client().connect(server.target())) {
            session.readReply();
            session.command("EHLO client.test");
            session.command("STARTTLS");
            TlsUpgrade upgrade = session.startTls();

            assertThat(new String(upgrade.plaintextAfter220(), StandardCharsets.US_ASCII))
                    .isEqualTo("250 injected\r\n250 par");
            assertThat(session.command("EHLO client.test").lines()).containsExactly("stub");
            assertThat(session.transcript().render())
                    .contains("*** 21 plaintext bytes after 220 before TLS: '250 injected\\r\\n250 par'");
        }
    }

    @Test
    void explainsPlaintextInsteadOfAServerHello() throws Exception {
        StubServer server = stub(peer -> {
            peer.send("220 stub\r\n");
            peer.readLine();
            peer.send("220 go ahead\r\n");
            peer.readSome();
            peer.send("454 4.7.0 TLS not available\r\n");
            peer.awaitClientClose();
        });

        try (SmtpSession session = client().connect(server.target())) {
            session.readReply();
            session.command("STARTTLS");

            assertThatThrownBy(session::startTls).isInstanceOf(TlsHandshakeException.class)
                    .hasMessage("server sent plaintext instead of a TLS ServerHello: '454 4.7.0 TLS not available\\r\\n'");
            assertThat(session.transcript().render()).contains("*** TLS handshake failed: server sent plaintext");
        }
    }

    @Test
    void explainsACloseDuringTheHandshake() throws Exception {
        StubServer server = stub(peer -> {
            peer.send("220 stub\r\n");
            peer.readLine();
            peer.send("220 go ahead\r\n");
            peer.readSome();
        });

        try (SmtpSession session = client().connect(server.target())) {
            session.readReply();
            session.command("STARTTLS");

            assertThatThrownBy(session::startTls).isInstanceOf(TlsHandshakeException.class)
                    .hasMessage("connection closed during handshake");
        }
    }

    @Test
    void aServerThatNeverAnswersTheClientHelloTimesOut() throws Exception {
        StubServer server = stub(peer -> {
            peer.send("220 stub\r\n");
            peer.readLine();
            peer.send("220 go ahead\r\n");
            peer.awaitClientClose();
        });

        // a reply timeout the greeting and the 220 meet even on a loaded machine; the handshake never comes
        try (SmtpSession session = client(ClientSettings.defaults().withReplyTimeout(Duration.ofSeconds(1)))
                .connect(server.target())) {
            session.readReply();
            session.command("STARTTLS");

            assertThatThrownBy(session::startTls).isInstanceOf(TlsHandshakeException.class)
                    .hasMessage("no TLS handshake within 1s");
        }
    }

    @Test
    void startTlsAfterTheServerClosedFailsAtOnce() throws Exception {
        StubServer server = stub(peer -> {
            peer.send("220 stub\r\n");
            peer.readLine();
            peer.send("220 go ahead\r\n");
        });

        try (SmtpSession session = client().connect(server.target())) {
            session.readReply();
            session.command("STARTTLS");
            assertThat(session.quiet(Duration.ofSeconds(3))).isEqualTo(new QuietResult.Closed());

            assertThatThrownBy(session::startTls).isInstanceOf(TlsHandshakeException.class)
                    .hasMessage("server closed the connection before the TLS handshake");
        }
    }

    @Test
    void connectsWithImplicitTls() throws Exception {
        StubServer server = closeLater(StubServer.implicitTls(PKI.serverContext(), peer -> {
            peer.send("220 stub ESMTP over TLS\r\n");
            peer.awaitClientClose();
        }));

        try (SmtpSession session = client().connectImplicitTls(server.target())) {
            assertThat(session.tlsActive()).isTrue();
            assertThat(session.tls().orElseThrow().chainProblem()).isEmpty();
            assertThat(session.readReply().text()).isEqualTo("stub ESMTP over TLS");
        }
        assertThat(server.failures()).isEmpty();
    }

    @Test
    void implicitTlsAgainstAPlaintextServerExplainsWhatCame() throws Exception {
        StubServer server = stub(peer -> {
            peer.send("220 plain ESMTP\r\n");
            peer.awaitClientClose();
        });

        assertThatThrownBy(() -> client().connectImplicitTls(server.target()))
                .isInstanceOf(TlsHandshakeException.class)
                .hasMessage("server sent plaintext instead of a TLS ServerHello: '220 plain ESMTP\\r\\n'");
    }

    /** A close before the handshake ends empties the pipeline; that must read as a failed handshake, not crash. */
    @Test
    void implicitTlsAgainstAServerThatClosesAtOnceIsAFailedHandshake() throws Exception {
        StubServer server = stub(peer -> peer.send("220 plain ESMTP\r\n"));
        SmtpClient client = client();

        for (int attempt = 0; attempt < 20; attempt++) {
            assertThatThrownBy(() -> client.connectImplicitTls(server.target()))
                    .isInstanceOf(TlsHandshakeException.class);
        }
    }

    @Test
    void quietProvesSilenceAndReportsWhatBreaksIt() throws Exception {
        CountDownLatch speak = new CountDownLatch(1);
        CountDownLatch mumble = new CountDownLatch(1);
        CountDownLatch unfinishedSent = new CountDownLatch(1);
        StubServer server = stub(peer -> {
            peer.send("220 stub\r\n");
            speak.await();
            peer.send("421 4.3.2 going down\r\n");
            mumble.await();
            peer.send("250 unfini");
            unfinishedSent.countDown();
            peer.awaitClientClose();
        });

        try (SmtpSession session = client().connect(server.target())) {
            session.readReply();
            assertThat(session.quiet(SHORT)).isEqualTo(new QuietResult.Silence());

            speak.countDown();
            QuietResult spoke = session.quiet(Duration.ofSeconds(3));
            assertThat(spoke).isInstanceOf(QuietResult.Arrived.class);
            assertThat(((QuietResult.Arrived) spoke).reply().code()).isEqualTo(421);

            mumble.countDown();
            unfinishedSent.await();
            // the unfinished line is sent; a quiet period long enough for it to be read ends with it pending
            assertThat(session.quiet(Duration.ofSeconds(1))).isEqualTo(
                    new QuietResult.ArrivedMalformed("10 bytes without a complete reply: '250 unfini'"));
            assertThat(session.transcript().render()).contains("*** quiet 300ms: silence");
        }
    }

    @Test
    void quietReportsAClose() throws Exception {
        StubServer server = stub(peer -> peer.send("220 stub\r\n"));

        try (SmtpSession session = client().connect(server.target())) {
            session.readReply();

            assertThat(session.quiet(Duration.ofSeconds(3))).isEqualTo(new QuietResult.Closed());
        }
    }

    @Test
    void expectCloseSaysWhatCameInstead() throws Exception {
        StubServer server = stub(peer -> {
            peer.send("220 stub\r\n");
            peer.readLine();
            peer.send("250 2.0.0 still here\r\n");
            peer.awaitClientClose();
        });

        try (SmtpSession session = client().connect(server.target())) {
            session.readReply();
            NotClosedException open = catchThrowableOfType(NotClosedException.class, () -> session.expectClose(SHORT));
            assertThat(open).hasMessage("server did not close the connection within 300ms");
            assertThat(open.observed()).isEqualTo(new QuietResult.Silence());

            session.send("NOOP");
            assertThatThrownBy(() -> session.expectClose(Duration.ofSeconds(3)))
                    .isInstanceOf(NotClosedException.class)
                    .hasMessage("expected the server to close the connection, but it sent a reply: 250 2.0.0 still here");
        }
    }

    /**
     * Like aiosmtpd: 221 to QUIT inside TLS, then the server's close_notify, then it waits for the client's close_notify
     * before it closes TCP (the zoo's CLOSE_NOTIFY_AFTER_QUIT). The server's close_notify is the server closing: the
     * client answers it and counts it as the close, so expectClose returns at once instead of waiting out its timeout.
     */
    @Test
    void theServersCloseNotifyAfterQuitIsTheClose() throws Exception {
        org.starttls.fixtures.pki.TestPki pki = org.starttls.fixtures.pki.TestPki.create();
        ReferenceServer server = closeLater(Variant.CLOSE_NOTIFY_AFTER_QUIT.start(pki.server()));
        SmtpClient client = closeLater(new SmtpClient(ClientSettings.defaults().withReplyTimeout(Duration.ofSeconds(3))
                .withTrust(TrustConfig.anchors(List.of(pki.caCertificate())))));

        try (SmtpSession session = client.connect(new Target("127.0.0.1", server.port()))) {
            session.readReply();
            session.command("EHLO client.test");
            session.command("STARTTLS");
            session.startTls();
            session.command("EHLO client.test");
            assertThat(session.command("QUIT").code()).isEqualTo(221);

            assertThatCode(() -> session.expectClose(Duration.ofSeconds(3))).doesNotThrowAnyException();
            assertThat(session.transcript().render()).contains("*** the server sent its TLS close_notify");
        }
    }
    /**
     * Issue 12, class 5: stray lines after a multi-line reply that ended early arrive before the next command is sent;
     * that command is never judged by them, and neither is any later one.
     */
    @Test
    void aReplyThatCameBeforeItsCommandIsNeverTakenForItsReply() throws Exception {
        StubServer server = stub(peer -> {
            peer.send("220 stub\r\n");
            peer.readLine();
            peer.send("250-stub\r\n250 PIPELINING\r\n250-SIZE 1000\r\n250 STARTTLS\r\n");
            peer.readLine();
            peer.send("220 2.0.0 go ahead\r\n");
            peer.awaitClientClose();
        });

        try (SmtpSession session = client().connect(server.target())) {
            session.readReply();
            assertThat(session.command("EHLO client.test").lines()).containsExactly("stub", "PIPELINING");

            session.send("STARTTLS");
            DesynchronisedException stray = catchThrowableOfType(DesynchronisedException.class, session::readReply);
            assertThat(stray.stray()).isEqualTo("250-SIZE 1000 | 250 STARTTLS");
            assertThat(stray).hasMessageContaining("arrived before the command it would answer was sent");
            assertThatThrownBy(session::readReply).as("and every later read of the session")
                    .isInstanceOf(DesynchronisedException.class);
            assertThat(session.desynchronised()).isTrue();
            assertThat(session.transcript().render())
                    .contains("*** the reply above arrived before any command it could answer was sent");
        }
    }

    @Test
    void aReadTimeoutShowsWhatArrived() throws Exception {
        StubServer server = stub(peer -> {
            peer.send("220 partial greet");
            peer.awaitClientClose();
        });
        SmtpClient client = client(ClientSettings.defaults().withReplyTimeout(SHORT));

        try (SmtpSession session = client.connect(server.target())) {
            assertThatThrownBy(session::readReply).isInstanceOf(ReplyTimeoutException.class)
                    .hasMessage("no complete reply within 300ms; received so far: '220 partial greet'");
            assertThat(session.transcript().render()).contains("*** no complete reply within 300ms");
        }
    }

    @Test
    void aSilentServerTimesOutWithNothingReceived() throws Exception {
        StubServer server = stub(StubPeer::awaitClientClose);

        try (SmtpSession session = client(ClientSettings.defaults().withReplyTimeout(SHORT)).connect(server.target())) {
            assertThatThrownBy(session::readReply).isInstanceOf(ReplyTimeoutException.class)
                    .hasMessage("no complete reply within 300ms; received so far: nothing");
        }
    }

    @Test
    void aCloseWhileWaitingIsReportedOnEveryLaterRead() throws Exception {
        StubServer server = stub(peer -> peer.send("220 stub\r\n"));

        try (SmtpSession session = client().connect(server.target())) {
            session.readReply();
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(session::readReply).isInstanceOf(ConnectionClosedException.class)
                        .hasMessage("server closed the connection while waiting for a reply");
            }
            assertThatThrownBy(() -> session.send("NOOP")).isInstanceOf(ConnectionClosedException.class)
                    .hasMessageStartingWith("connection closed; could not send: NOOP");
        }
    }

    @Test
    void aMalformedReplyIsReportedWithItsBytes() throws Exception {
        StubServer server = stub(peer -> {
            peer.send("220-stub\r\n221 bye\r\n");
            peer.readLine();
            peer.send("250 next\r\n");
            peer.awaitClientClose();
        });

        try (SmtpSession session = client().connect(server.target())) {
            MalformedReplyException malformed = catchThrowableOfType(MalformedReplyException.class, session::readReply);

            assertThat(malformed).hasMessage("malformed reply: reply code changed from 220 to 221 within one multiline "
                    + "reply (RFC 5321 §4.2.1): '221 bye\\r\\n'");
            assertThat(session.command("NOOP").lines()).containsExactly("next");
            assertThat(session.transcript().render()).contains("*** malformed reply: reply code changed");
        }
    }

    @Test
    void aRefusedConnectionSaysSo() throws Exception {
        Target target = closeLater(RefusingPort.open()).target();

        ConnectFailedException failure = catchThrowableOfType(ConnectFailedException.class, () -> client().connect(target));

        assertThat(failure.reason()).isEqualTo(ConnectFailedException.Reason.REFUSED);
        assertThat(failure).hasMessage("connection refused by " + target + " (127.0.0.1)");
    }

    @Test
    void aConnectTimeoutSaysSo() throws Exception {
        ServerSocket neverAccepts = closeLater(new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")));
        // Linux drops SYNs once the accept backlog is full, so the next connect hangs until its timeout.
        boolean backlogFull = false;
        for (int i = 0; i < 10 && !backlogFull; i++) {
            Socket filler = closeLater(new Socket());
            try {
                filler.connect(neverAccepts.getLocalSocketAddress(), 200);
            } catch (SocketTimeoutException e) {
                backlogFull = true;
            }
        }
        assumeTrue(backlogFull, "this OS does not leave connects to a full backlog hanging");
        Target target = new Target("127.0.0.1", neverAccepts.getLocalPort());

        ConnectFailedException failure = catchThrowableOfType(ConnectFailedException.class,
                () -> client(ClientSettings.defaults().withConnectTimeout(SHORT)).connect(target));

        assertThat(failure.reason()).isEqualTo(ConnectFailedException.Reason.TIMEOUT);
        assertThat(failure).hasMessage("no TCP connection to " + target + " within 300ms (connect timeout)");
    }

    @Test
    void manySessionsShareOneClientConcurrently() throws Exception {
        StubServer server = stub(peer -> {
            peer.send("220 stub\r\n");
            String line = peer.readLine();
            peer.send("250 " + line + "\r\n");
            peer.awaitClientClose();
        });
        SmtpClient client = client();
        ExecutorService workers = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String id = "NOOP " + i;
                answers.add(workers.submit(() -> {
                    try (SmtpSession session = client.connect(server.target())) {
                        session.readReply();
                        return session.command(id).text();
                    }
                }));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("NOOP " + i);
            }
        } finally {
            workers.shutdownNow();
        }
        assertThat(server.failures()).isEmpty();
    }
}
