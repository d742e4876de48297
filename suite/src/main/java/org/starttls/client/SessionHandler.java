package org.starttls.client;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Last inbound handler: writes decoded replies to the transcript as they arrive and queues them,
 * malformed data, failures and the close for the blocking {@link SmtpSession}.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    private final Transcript transcript;
    private final Inbox inbox = new Inbox();
    private volatile boolean closedByClient;
    private volatile boolean closeNotifyReceived;
    /** Command lines written so far (the worker counts them before each write, so no reply can beat its count). */
    private final AtomicLong linesSent = new AtomicLong();
    /** The command lines sent when the bytes being decoded now were read; event loop only. */
    private long linesSentAtRead;
    /** Replies (and malformed ones) received so far; event loop only. */
    private long repliesReceived;
    /** Replies due without any command: the greeting; none inside STARTTLS's TLS. Event loop only. */
    private long unasked = 1;

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

    /**
     * A handler for just before the reply decoder: it notes how many command lines had been sent when each chunk of
     * bytes was read, so that the replies decoded from one chunk are all judged against that moment, however fast the
     * worker sends its next command while the decoder is still handing them on.
     */
    ChannelInboundHandlerAdapter readStamp() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                linesSentAtRead = linesSent.get();
                ctx.fireChannelRead(msg);
            }
        };
    }

    /** Counts the command lines of one write; called before the bytes go out. */
    void countSent(long lines) {
        linesSent.addAndGet(lines);
    }

    /** Starts counting afresh for STARTTLS's TLS layer, in which no greeting comes; on the event loop. */
    void restartCounting() {
        linesSent.set(0);
        linesSentAtRead = 0;
        repliesReceived = 0;
        unasked = 0;
    }

    /**
     * Whether the reply just received is one more than the greeting and the lines sent so far can account for. A 421
     * never is: a server may close the service with it at any time (RFC 5321 §3.8).
     */
    private boolean early(int code) {
        repliesReceived++;
        boolean early = code != 421 && repliesReceived > unasked + linesSentAtRead;
        if (early) {
            transcript.event("the reply above arrived before any command it could answer was sent");
        }
        return early;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Reply reply) {
            reply.wireLines().forEach(line -> transcript.received(Escaping.text(line)));
            queue(ctx, new Inbound.ReplyReceived(reply, early(reply.code())));
        } else if (msg instanceof MalformedReply malformed) {
            transcript.event("malformed reply: " + malformed.describe());
            queue(ctx, new Inbound.MalformedReceived(malformed, early(0)));
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
