package org.starttls.client;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
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
    private volatile boolean closeNotifyReceived;

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

    /**
     * The server's TLS close_notify is the server closing: it sends nothing more on this connection. Some servers
     * (asyncio's, aiosmtpd) then wait for the client's close_notify before they close TCP; the client answers with its
     * own and closes, so a read or a close that waits for the server ends now instead of at its timeout.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslCloseCompletionEvent closing && closing.isSuccess() && !closedByClient
                && !closeNotifyReceived) {
            closeNotifyReceived = true;
            transcript.event("the server sent its TLS close_notify: it closed the TLS session; answered with our "
                    + "close_notify and closed the connection");
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (ssl != null) {
                ssl.closeOutbound().addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        transcript.event(closeNotifyReceived ? "connection closed after the server's TLS close_notify"
                : closedByClient ? "connection closed by client" : "connection closed by server");
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
