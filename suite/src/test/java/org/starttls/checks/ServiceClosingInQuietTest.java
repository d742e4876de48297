package org.starttls.checks;

import static org.starttls.checks.Judged.assertJudged;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.Reply;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.fixtures.server.Verb;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * A server that closes the service with 421 in the quiet period a case waits through after its last reply. RFC 5321
 * §3.8 lets a server do that at any time, and a 421 answers no command: INCONCLUSIVE, not a reply too many.
 */
class ServiceClosingInQuietTest {

    private static final byte TLS_HANDSHAKE_RECORD = 0x16;

    /** The reference server, except that inside TLS the reply to {@code last} is followed by 421 and the close. */
    private static ServerOptions closingAfter(Verb last) {
        return Judged.requireTls(new Behaviour() {
            @Override
            protected ChannelFuture emit(ChannelHandlerContext ctx, Verb cause, Reply reply) {
                ChannelFuture sent = super.emit(ctx, cause, reply);
                if (cause == last && ctx.pipeline().get(SslHandler.class) != null) {
                    send(ctx, Reply.of(421, "4.4.2", "localhost closing the connection"))
                            .addListener(ChannelFutureListener.CLOSE);
                }
                return sent;
            }
        });
    }

    private static void assertUnjudged(Verb last, String id) {
        Summary.TargetSummary target = Judged.server(closingAfter(last), Profile.REQUIRE_TLS, id, Account.NONE);
        assertJudged(target, id, Verdict.INCONCLUSIVE, "closed the service (421 4.4.2", "RFC 5321 §3.8");
    }

    @Test
    void a421AfterTheNoopInsideTlsIsNotTheInjectedCommandsReply() {
        assertUnjudged(Verb.NOOP, "RFC3207-4.2-MUST-DISCARD-PIPELINED-PLAINTEXT");
    }

    @Test
    void a421AfterTheLastReplyIsNoReplyTooMany() {
        assertUnjudged(Verb.RCPT, "RFC5321-4.2-MUST-ONE-REPLY-PER-COMMAND");
    }

    /** A server whose TLS layer answers bytes that are no TLS record with a cleartext 421 and the close. */
    @Test
    void a421ToTheCleartextNoopBehindThe220IsNoAnswerToIt() {
        String id = "RFC3207-4-INFO-NO-PLAINTEXT-AFTER-220";
        ServerOptions options = Judged.requireTls(new Behaviour() {
            @Override
            protected void beginTls(ChannelPipeline pipeline, SSLEngine engine) {
                super.beginTls(pipeline, engine);
                pipeline.addFirst(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf bytes = (ByteBuf) msg;
                        if (bytes.isReadable() && bytes.getByte(bytes.readerIndex()) != TLS_HANDSHAKE_RECORD) {
                            bytes.release();
                            ctx.writeAndFlush(Unpooled.copiedBuffer("421 4.7.0 TLS negotiation failed\r\n",
                                    StandardCharsets.US_ASCII)).addListener(ChannelFutureListener.CLOSE);
                            return;
                        }
                        ctx.pipeline().remove(this);
                        ctx.fireChannelRead(msg);
                    }
                });
            }
        });
        Summary.TargetSummary target = Judged.server(options, Profile.REQUIRE_TLS, id, Account.NONE);
        assertJudged(target, id, Verdict.INCONCLUSIVE, "closed the service (421 4.7.0", "RFC 5321 §3.8");
    }
}
