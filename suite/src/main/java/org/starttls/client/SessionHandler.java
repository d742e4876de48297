package org.starttls.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Last inbound handler: writes decoded replies to the transcript as they arrive and queues them,
 * malformed data, failures and the close for the blocking {@link SmtpSession}.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    private final Transcript transcript;
    private final Inbox inbox = new Inbox();
    private volatile boolean closedByClient;

    SessionHandler(Transcript transcript) {
        this.transcript = transcript;
    }

    Inbox inbox() {
        return inbox;
    }

    /** So that the transcript can tell who closed the connection. */
    void closingByClient() {
        closedByClient = true;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Logged here, on the event loop, so that it precedes the greeting in the transcript.
        transcript.event("connected to " + show(ctx.channel().remoteAddress()) + " from " + show(ctx.channel().localAddress()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Reply reply) {
            reply.wireLines().forEach(line -> transcript.received(Escaping.text(line)));
            queue(ctx, new Inbound.ReplyReceived(reply));
        } else if (msg instanceof MalformedReply malformed) {
            transcript.event("malformed reply: " + malformed.describe());
            queue(ctx, new Inbound.MalformedReceived(malformed));
        } else {
            ReferenceCountUtil.release(msg);
            throw new IllegalStateException("unexpected message " + msg.getClass().getName());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        transcript.event("error: " + Failures.describe(cause));
        inbox.add(new Inbound.Failed(cause));
        // After a transport or TLS failure the byte stream is unusable.
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        transcript.event(closedByClient ? "connection closed by client" : "connection closed by server");
        inbox.add(new Inbound.PeerClosed());
        ctx.fireChannelInactive();
    }

    private static String show(SocketAddress address) {
        return address instanceof InetSocketAddress inet
                ? new Target(inet.getAddress().getHostAddress(), inet.getPort()).toString()
                : String.valueOf(address);
    }

    private void queue(ChannelHandlerContext ctx, Inbound item) {
        inbox.add(item);
        if (inbox.full()) {
            ctx.channel().config().setAutoRead(false);
        }
    }
}
