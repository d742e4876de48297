package org.starttls.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection to the server under test, driven by one worker thread through blocking calls that
 * are each bounded by the reply timeout. The pipeline is {@code [tls] -> replies -> session}: TLS
 * only after {@link #startTls()} or for implicit TLS, our own {@link ReplyDecoder}, then the
 * {@link SessionHandler} that queues what arrives for the blocking calls.
 */
public final class SmtpSession implements AutoCloseable {

    /** Netty's own timeouts fire first; this only guards against a future that never completes. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    /**
     * Our own event loop is not the server: on a loaded machine it may stall for longer than a short reply timeout,
     * and that must not be reported as something the server did.
     */
    private static final Duration EVENT_LOOP_GRACE = Duration.ofSeconds(5);
    private static final int RAW_SHOWN_BYTES = 1024;

    private final Channel channel;
    private final ReplyDecoder decoder;
    private final SessionHandler handler;
    private final Transcript transcript;
    private final ClientTls tls;
    private final Duration replyTimeout;
    private final Optional<String> sniName;
    /** The TLS layer added at connect for implicit TLS; empty for plain TCP. */
    private final Optional<SslHandler> implicitTls;
    private volatile TlsFacts tlsFacts;
    private volatile Deadline deadline = Deadline.NONE;
    /** Set once a reply came before its command: every later read is refused with the same reason. */
    private volatile DesynchronisedException desynchronised;

    SmtpSession(Channel channel, ReplyDecoder decoder, SessionHandler handler, Transcript transcript, ClientTls tls,
                Duration replyTimeout, Optional<String> sniName, Optional<SslHandler> implicitTls) {
        this.channel = channel;
        this.decoder = decoder;
        this.handler = handler;
        this.transcript = transcript;
        this.tls = tls;
        this.replyTimeout = replyTimeout;
        this.sniName = sniName;
        this.implicitTls = implicitTls;
    }

    /** Limits every later wait of this session to {@code caseDeadline}; returns this session. */
    public SmtpSession limitTo(Deadline caseDeadline) {
        this.deadline = caseDeadline;
        return this;
    }

    /** The next whole reply, waiting at most the reply timeout. */
    public Reply readReply() throws SessionException {
        return readReply(replyTimeout);
    }

    /** The next whole reply, waiting at most {@code timeout}. */
    public Reply readReply(Duration timeout) throws SessionException {
        if (desynchronised != null) {
            throw new DesynchronisedException(desynchronised.stray(), desynchronised.reply().orElse(null));
        }
        Duration wait = deadline.cap(timeout);
        Inbound next = poll(wait, "a reply");
        if (next == null) {
            budgetExhausted(wait, timeout, "a reply");
            transcript.event("no complete reply within " + Durations.human(timeout));
            throw new ReplyTimeoutException(timeout, pendingBytesIfKnown());
        }
        if (next instanceof Inbound.ReplyReceived received) {
            if (received.early()) {
                throw desynchronised(String.join(" | ", received.reply().wireLines()), received.reply());
            }
            return received.reply();
        }
        if (next instanceof Inbound.MalformedReceived malformed) {
            if (malformed.early()) {
                throw desynchronised(malformed.malformed().describe(), null);
            }
            throw new MalformedReplyException(malformed.malformed());
        }
        if (next instanceof Inbound.Failed failed) {
            String what = Failures.describe(failed.cause());
            if (failed.cause() instanceof IOException) {
                throw new ConnectionClosedException("connection failed while waiting for a reply: " + what, failed.cause());
            }
            throw new SessionException("session failed while waiting for a reply: " + what, failed.cause());
        }
        throw new ConnectionClosedException("server closed the connection while waiting for a reply");
    }

    private DesynchronisedException desynchronised(String stray, Reply reply) {
        desynchronised = new DesynchronisedException(stray, reply);
        transcript.event("replies out of step with the commands: nothing after this in the session is judged");
        return desynchronised;
    }

    /** Whether a reply came before its command in this session ({@link DesynchronisedException}). */
    public boolean desynchronised() {
        return desynchronised != null;
    }

    /** Sends {@code line} and CRLF in one write. */
    public void send(String line) throws SessionException {
        write(line + "\r\n", Escaping.text(line));
    }

    /** Like {@link #send(String)}, but the transcript shows {@code shownAs}, e.g. for AUTH secrets. */
    public void sendMasked(String line, String shownAs) throws SessionException {
        write(line + "\r\n", shownAs);
    }

    /** Exactly {@code bytes} in one write, for pipelining and injection probes; shown escaped. */
    public void sendRaw(byte[] bytes) throws SessionException {
        write(bytes.clone(), Escaping.bytes(bytes, RAW_SHOWN_BYTES));
    }

    public Reply command(String line) throws SessionException {
        send(line);
        return readReply();
    }

    /**
     * Switches to TLS after the server's 220 to STARTTLS has been read. Whatever the server sent in
     * plaintext after that 220 (queued replies and undecoded bytes) is taken out of the pipeline and
     * reported, never fed to TLS; then a client SslHandler goes first in the pipeline and the
     * handshake is awaited within the reply timeout.
     */
    public TlsUpgrade startTls() throws SessionException {
        if (tlsFacts != null) {
            throw new IllegalStateException("TLS is already active on this session");
        }
        SslHandler ssl = tls.newHandler(channel.alloc(), sniName);
        byte[] plaintext = install(ssl);
        awaitHandshake(ssl, plaintext);
        return new TlsUpgrade(tlsFacts, plaintext);
    }

    /**
     * Like {@link #startTls()}, but hands the connection to another TLS implementation (the probes that
     * offer what the JDK refuses); that handler owns the handshake and its outcome. Returns the plaintext
     * that arrived after the 220. Replies can no longer be read on this session.
     */
    public byte[] handOver(ChannelHandler tlsHandler) throws SessionException {
        if (tlsFacts != null) {
            throw new IllegalStateException("TLS is already active on this session");
        }
        byte[] plaintext = install(tlsHandler);
        transcript.event("connection handed to " + tlsHandler.getClass().getSimpleName());
        return plaintext;
    }

    /** Takes the plaintext after the 220 out of the pipeline, reports it, and puts {@code tlsHandler} first. */
    private byte[] install(ChannelHandler tlsHandler) throws SessionException {
        PlaintextCapture capture = onEventLoop(() -> captureAndInstall(tlsHandler));
        byte[] plaintext = capture.bytes();
        if (plaintext.length > 0) {
            transcript.event(plaintext.length + " plaintext bytes after 220 before TLS: '"
                    + Escaping.bytes(plaintext, Escaping.EXCERPT_BYTES) + "'");
        }
        if (capture.closed()) {
            transcript.event("TLS handshake not started: connection already closed");
            throw TlsHandshakeException.closedBefore(plaintext);
        }
        return plaintext;
    }

    private record PlaintextCapture(byte[] bytes, boolean closed) {
    }

    /** Runs on the event loop, so that no read can slip in between capture and installation. */
    private PlaintextCapture captureAndInstall(ChannelHandler tlsHandler) {
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        for (Inbound item : handler.inbox().drain()) {
            if (item instanceof Inbound.ReplyReceived received) {
                plaintext.writeBytes(received.reply().toWire().getBytes(StandardCharsets.UTF_8));
            } else if (item instanceof Inbound.MalformedReceived malformed) {
                plaintext.writeBytes(malformed.malformed().offending());
            }
        }
        plaintext.writeBytes(decoder.takePendingBytes());
        handler.restartCounting();
        channel.config().setAutoRead(true);
        boolean closed = !channel.isActive();
        if (!closed) {
            channel.pipeline().addFirst("tls", tlsHandler);
        }
        return new PlaintextCapture(plaintext.toByteArray(), closed);
    }

    /** For {@link SmtpClient#connectImplicitTls}: the handshake its pipeline started on connect. */
    void awaitImplicitTls() throws SessionException {
        // the handler from connect, not the pipeline's: a closed channel's pipeline is emptied
        awaitHandshake(implicitTls.orElseThrow(() -> new IllegalStateException("not an implicit-TLS session")),
                new byte[0]);
    }

    /** Waits for the handshake of {@code ssl}; on failure closes the session and explains why. */
    private void awaitHandshake(SslHandler ssl, byte[] plaintextAfter220) throws SessionException {
        Future<Channel> handshake = ssl.handshakeFuture();
        Duration wait = deadline.cap(replyTimeout.plus(GRACE));
        boolean done = Waiting.await(handshake, wait, "the TLS handshake");
        if (!done && wait.compareTo(replyTimeout) < 0) {
            close();
            budgetExhausted(wait, replyTimeout, "the TLS handshake");
        }
        if (!done || !handshake.isSuccess()) {
            String reason = done
                    ? Failures.handshakeFailure(handshake.cause(), replyTimeout)
                    : "no TLS handshake within " + Durations.human(replyTimeout);
            transcript.event("TLS handshake failed: " + reason);
            close();
            throw new TlsHandshakeException(reason, plaintextAfter220, handshake.cause());
        }
        tlsFacts = ClientTls.facts(ssl, sniName);
        transcript.event(tlsFacts.summary());
    }

    /** Succeeds only if the server closes the connection within {@code within}. */
    public void expectClose(Duration within) throws SessionException {
        QuietResult observed = observe(within);
        if (!(observed instanceof QuietResult.Closed)) {
            throw new NotClosedException(observed, within);
        }
    }

    /**
     * Watches the connection for {@code period}: {@link QuietResult.Silence} only when not a single
     * byte arrived. Interruption (or closing the client) cancels the watch with a
     * {@link CancellationException}.
     */
    public QuietResult quiet(Duration period) {
        try {
            QuietResult observed = observe(period);
            transcript.event("quiet " + Durations.human(period) + ": " + observed.describe());
            return observed;
        } catch (SessionException e) {
            CancellationException cancelled = new CancellationException("quiet period cancelled: " + e.getMessage());
            cancelled.initCause(e);
            throw cancelled;
        }
    }

    private QuietResult observe(Duration period) throws SessionException {
        Duration wait = deadline.cap(period);
        Inbound next = poll(wait, "the end of a quiet period");
        if (next == null) {
            budgetExhausted(wait, period, "the end of a quiet period");
            byte[] partial = pendingBytes();
            return partial.length == 0
                    ? new QuietResult.Silence()
                    : new QuietResult.ArrivedMalformed(partial.length + " bytes without a complete reply: '"
                            + Escaping.bytes(partial, Escaping.EXCERPT_BYTES) + "'");
        }
        if (next instanceof Inbound.ReplyReceived received) {
            return new QuietResult.Arrived(received.reply());
        }
        if (next instanceof Inbound.MalformedReceived malformed) {
            return new QuietResult.ArrivedMalformed(malformed.malformed().describe());
        }
        if (next instanceof Inbound.Failed failed && !(failed.cause() instanceof IOException)) {
            return new QuietResult.ArrivedMalformed(Failures.describe(failed.cause()));
        }
        // A reset (IOException) ends the connection just like an orderly close.
        return new QuietResult.Closed();
    }

    /** Whether the server is on this machine (127.0.0.0/8, ::1), where no one on a network can read cleartext. */
    public boolean loopback() {
        return channel.remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null
                && remote.getAddress().isLoopbackAddress();
    }

    public boolean tlsActive() {
        return tlsFacts != null;
    }

    public Optional<TlsFacts> tls() {
        return Optional.ofNullable(tlsFacts);
    }

    public Transcript transcript() {
        return transcript;
    }

    @Override
    public void close() {
        handler.closingByClient();
        channel.close().awaitUninterruptibly(GRACE.toMillis());
    }

    /** Throws when a wait came back empty because the case's budget, not the wait's own timeout, cut it short. */
    private void budgetExhausted(Duration waited, Duration wanted, String what) throws BudgetExhaustedException {
        if (waited.compareTo(wanted) < 0) {
            BudgetExhaustedException e = new BudgetExhaustedException(deadline.budget(), what);
            transcript.event(e.getMessage());
            throw e;
        }
    }

    private Inbound poll(Duration timeout, String what) throws SessionException {
        try {
            return handler.inbox().poll(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException("interrupted while waiting for " + what, e);
        } finally {
            resumeReading();
        }
    }

    /** Undoes the back-pressure pause of {@link SessionHandler} once the worker has caught up. */
    private void resumeReading() {
        if (!handler.inbox().full()) {
            channel.config().setAutoRead(true);
        }
    }

    private void write(String text, String shown) throws SessionException {
        write(text.getBytes(StandardCharsets.UTF_8), shown);
    }

    private void write(byte[] bytes, String shown) throws SessionException {
        transcript.sent(shown);
        long lines = 0;
        for (byte b : bytes) {
            lines += b == '\n' ? 1 : 0;
        }
        handler.countSent(lines);
        ChannelFuture written = channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        Duration wait = deadline.cap(replyTimeout);
        if (!Waiting.await(written, wait, "a write")) {
            budgetExhausted(wait, replyTimeout, "a write");
            transcript.event("send not completed within " + Durations.human(replyTimeout));
            throw new SessionException("could not send within " + Durations.human(replyTimeout)
                    + " (the server is not reading): " + shown);
        }
        if (!written.isSuccess()) {
            transcript.event("send failed: " + Failures.describe(written.cause()));
            throw new ConnectionClosedException("connection closed; could not send: " + shown, written.cause());
        }
    }

    /**
     * The excerpt for a timeout message: only diagnosis, so an event loop too busy to answer (a loaded machine) must not
     * turn the timeout into a different failure.
     */
    private byte[] pendingBytesIfKnown() {
        try {
            return pendingBytes();
        } catch (SessionException busy) {
            return new byte[0];
        }
    }

    private byte[] pendingBytes() throws SessionException {
        return onEventLoop(decoder::pendingBytes);
    }

    /** Decoder and pipeline state belong to the event loop; the worker only touches them through it. */
    private <T> T onEventLoop(Callable<T> task) throws SessionException {
        Future<T> result;
        try {
            result = channel.eventLoop().submit(task);
        } catch (RejectedExecutionException e) {
            throw new ConnectionClosedException("the client has been closed", e);
        }
        Duration wait = replyTimeout.plus(EVENT_LOOP_GRACE);
        if (!Waiting.await(result, wait, "the event loop")) {
            throw new SessionException("the client's own event loop did not respond within " + Durations.human(wait));
        }
        if (!result.isSuccess()) {
            throw new SessionException("internal error: " + Failures.describe(result.cause()), result.cause());
        }
        return result.getNow();
    }
}
