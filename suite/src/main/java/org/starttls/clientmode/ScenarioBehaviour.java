package org.starttls.clientmode;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.PromiseNotifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import org.starttls.clientmode.Scenario.Play;
import org.starttls.fixtures.pki.Credential;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.Reply;
import org.starttls.fixtures.server.Verb;
import org.starttls.fixtures.zoo.OldTls;

/**
 * The reference server's behaviour with a {@link Scenario}'s knobs turned, and every connection recorded: the fake
 * server of one client case. Stateless across connections like every {@link Behaviour}; what one connection needs (its
 * recorder, replies held back) hangs off its channel.
 */
final class ScenarioBehaviour extends Behaviour {

    /** The 220 of a server without TLS: the words of RFC 3207's own example. */
    private static final Reply GO_AHEAD = Reply.of(220, "2.0.0", "Go ahead");
    private static final Reply EHLO_NOT_IMPLEMENTED = Reply.of(502, "5.5.1", "Command not implemented");
    private static final AttributeKey<HeldReplies> HELD = AttributeKey.valueOf(ScenarioBehaviour.class, "held");

    private final Play play;
    private final Credential credential;
    private final Recording recording;

    ScenarioBehaviour(Play play, Credential credential, Recording recording) {
        this.play = play;
        this.credential = credential;
        this.recording = recording;
    }

    @Override
    protected boolean advertisesStartTls(boolean tlsActive) {
        return tlsActive ? play.startTlsReoffered : play.startTlsAdvertised;
    }

    @Override
    protected boolean advertisesAuth(boolean tlsActive) {
        return tlsActive || play.cleartextOpen;
    }

    @Override
    protected boolean acceptsAuth(boolean tlsActive) {
        return tlsActive || play.cleartextOpen;
    }

    @Override
    protected Optional<Reply> refuseStartTls(String argument, boolean tlsActive) {
        Optional<Reply> reference = super.refuseStartTls(argument, tlsActive);
        if (reference.isPresent() || tlsActive) {
            return reference;
        }
        // a 220 returned as the "refusal" is sent as is, and the session stays in cleartext
        return play.startTlsRefusal.or(() -> play.readyWithoutTls ? Optional.of(GO_AHEAD) : Optional.empty());
    }

    @Override
    protected void beginTls(ChannelPipeline pipeline, SSLEngine engine, Credential served) {
        if (play.oldTls.isPresent()) {
            pipeline.addBefore(ReferenceServer.FRAMER, null, OldTls.server(play.oldTls.get(), served));
        } else {
            super.beginTls(pipeline, engine, served);
        }
    }

    @Override
    protected void decorate(ChannelPipeline pipeline) {
        ConnectionRecorder recorder = ConnectionRecorder.attach(pipeline.channel(), recording);
        pipeline.addBefore(ReferenceServer.SESSION, null, recorder);
        if (play.readyWithoutTls || play.plaintextPort) {
            pipeline.addFirst(new NoTlsAfterReady());
        }
        if (play.oldTls.isPresent() && pipeline.get(SslHandler.class) != null) {
            // implicit TLS: the old-version layer in front of the JDK's, which never sees a byte (removing it would
            // tell the session the handshake failed)
            pipeline.addFirst(OldTls.server(play.oldTls.get(), credential));
        }
        pipeline.addFirst(new HelloObserver());
    }

    @Override
    protected ChannelFuture emit(ChannelHandlerContext ctx, Verb cause, Reply reply) {
        ConnectionRecorder recorder = ConnectionRecorder.of(ctx.channel());
        boolean tls = recorder.tls();
        Reply played = played(cause, reply, tls);
        if (cause == Verb.STARTTLS && played.code() == 220 && !tls) {
            if (play.inject.isPresent()) {
                recorder.note("the server played: the two lines after its 220 are injected, in the same write, before "
                        + "any handshake");
                // one write: the SslHandler lets only its first write out in plaintext
                return write(ctx, render(played) + play.inject.get());
            }
            if (play.readyWithoutTls) {
                recorder.note("the server played: 220 without any TLS behind it");
            }
        }
        if (tls && !play.holdFirstTlsReply.isZero()) {
            HeldReplies held = ctx.channel().attr(HELD).setIfAbsent(new HeldReplies());
            if (held == null || held.holding()) {
                held = ctx.channel().attr(HELD).get();
                return held.hold(ctx, cause, played, recorder);
            }
        }
        return super.emit(ctx, cause, played);
    }

    /** The reply the scenario gives instead of the reference's. */
    private Reply played(Verb cause, Reply reply, boolean tls) {
        if (cause == Verb.EHLO && reply.code() == 250) {
            if (play.ehloRefused && !tls) {
                return EHLO_NOT_IMPLEMENTED;
            }
            Optional<List<String>> extensions = tls ? play.tlsExtensions : play.clearExtensions;
            if (extensions.isPresent()) {
                List<String> lines = new ArrayList<>(List.of(reply.lines().get(0)));
                lines.addAll(extensions.get());
                return new Reply(250, null, lines);
            }
        }
        return reply;
    }

    /**
     * The replies of one connection held back at the start of TLS: the first reply inside TLS and every one after it
     * until the hold ends go out together, in order, when it ends. A command the client sends meanwhile is recorded
     * before the reply it did not wait for.
     */
    private final class HeldReplies {
        private final List<Runnable> queued = new ArrayList<>();
        private boolean started;
        private boolean released;

        boolean holding() {
            return !released;
        }

        ChannelFuture hold(ChannelHandlerContext ctx, Verb cause, Reply reply, ConnectionRecorder recorder) {
            if (!started) {
                started = true;
                recorder.note("the server played: holds its first reply inside TLS for "
                        + play.holdFirstTlsReply.toMillis() + " ms");
                ctx.executor().schedule(() -> release(ctx), play.holdFirstTlsReply.toNanos(), TimeUnit.NANOSECONDS);
            }
            ChannelPromise sent = ctx.newPromise();
            queued.add(() -> PromiseNotifier.cascade(ScenarioBehaviour.super.emit(ctx, cause, reply), sent));
            return sent;
        }

        private void release(ChannelHandlerContext ctx) {
            released = true;
            queued.forEach(Runnable::run);
            queued.clear();
            ctx.flush();
        }
    }
}
