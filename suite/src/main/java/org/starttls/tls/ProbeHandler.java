package org.starttls.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.util.Optional;
import org.bouncycastle.tls.TlsClientProtocol;

/**
 * Drives a {@link ProbeClient} over the channel with Bouncy Castle's non-blocking protocol engine: ClientHello on
 * installation, server bytes in, handshake bytes out, until the server has answered as far as the probe needs, has
 * refused, or has gone away. Completes {@link #outcome()} once; it never passes anything further up the pipeline.
 */
final class ProbeHandler extends ChannelInboundHandlerAdapter {

    private final ProbeClient client;
    private final TlsClientProtocol protocol = new TlsClientProtocol();
    private Promise<ProbeOutcome> outcome;

    ProbeHandler(ProbeClient client) {
        this.client = client;
    }

    /** Completes with the server's answer; never fails. */
    Promise<ProbeOutcome> outcome() {
        return outcome;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        outcome = ctx.executor().newPromise();
        try {
            protocol.connect(client);
            flush(ctx);
        } catch (IOException | RuntimeException e) {
            finish(ctx, ProbeOutcome.Result.UNKNOWN, "the probe could not send its ClientHello: " + e.getMessage());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof ByteBuf bytes) || outcome.isDone()) {
            ReferenceCountUtil.release(message);
            return;
        }
        try {
            protocol.offerInput(ByteBufUtil.getBytes(bytes));
            flush(ctx);
        } catch (IOException | RuntimeException e) {
            // After the server's choice, our own failure to go on (a suite BC cannot run) changes nothing; before it,
            // only an alert is a refusal: bytes that are not TLS at all say nothing about the offer.
            if (client.alert().isPresent()) {
                finish(ctx, ProbeOutcome.Result.REFUSED, "the server sent the alert " + client.alert().get());
            } else {
                finish(ctx, ProbeOutcome.Result.UNKNOWN, "the server did not answer in TLS: " + e.getMessage());
            }
        } finally {
            bytes.release();
        }
        if (client.answered()) {
            finish(ctx, ProbeOutcome.Result.ACCEPTED, "");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (client.alert().isPresent()) {
            finish(ctx, ProbeOutcome.Result.REFUSED, "the server sent the alert " + client.alert().get()
                    + " and closed the connection");
        } else {
            finish(ctx, ProbeOutcome.Result.CLOSED, "the server closed the connection without a ServerHello or an alert");
        }
        ctx.fireChannelInactive();
    }

    /** A reset is a close too (whether a close shows as FIN or RST is the operating system's race). */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (client.alert().isPresent()) {
            finish(ctx, ProbeOutcome.Result.REFUSED, "the server sent the alert " + client.alert().get());
        } else if (cause instanceof IOException) {
            finish(ctx, ProbeOutcome.Result.CLOSED, "the connection was reset without a ServerHello or an alert: "
                    + cause.getMessage());
        } else {
            finish(ctx, ProbeOutcome.Result.UNKNOWN, "the connection failed: " + cause.getMessage());
        }
    }

    private void flush(ChannelHandlerContext ctx) {
        int available = protocol.getAvailableOutputBytes();
        if (available > 0) {
            byte[] out = new byte[available];
            protocol.readOutput(out, 0, available);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(out));
        }
    }

    /**
     * Judges what the client recorded: a ServerHello with our offer is acceptance, whatever came after it; otherwise
     * {@code result} and {@code detail} say what ended the probe.
     */
    private void finish(ChannelHandlerContext ctx, ProbeOutcome.Result result, String detail) {
        if (outcome.isDone()) {
            return;
        }
        Optional<TlsVersion> version = client.serverVersion();
        Optional<String> suite = client.selectedSuite();
        ProbeOutcome judged = version.isPresent() && suite.isPresent()
                ? new ProbeOutcome(ProbeOutcome.Result.ACCEPTED, version, suite, client.chain(), client.alert(),
                        "the server chose " + version.get() + " with " + suite.get(), "")
                : new ProbeOutcome(result == ProbeOutcome.Result.ACCEPTED ? ProbeOutcome.Result.UNKNOWN : result,
                        version, suite, client.chain(), client.alert(), detail, "");
        outcome.trySuccess(judged);
        ctx.close();
    }
}
