package org.starttls.checks;

import static org.starttls.checks.Judged.assertJudged;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.Reply;
import org.starttls.fixtures.server.Verb;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * RFC3207-4.2-MUST-DISCARD-PIPELINED-PLAINTEXT is a MUST: it passes only on what shows the pipelined line discarded. A
 * close after the reply inside TLS ends the quiet period before it proves anything; a 454 is a temporary refusal of TLS,
 * not of the pipelined line; and a refusal from a server that never completes a handshake refuses every STARTTLS.
 */
class PipelinedPlaintextJudgementTest {

    private static final String ID = "RFC3207-4.2-MUST-DISCARD-PIPELINED-PLAINTEXT";

    private static Summary.TargetSummary judged(Behaviour behaviour) {
        return Judged.server(Judged.requireTls(behaviour), Profile.REQUIRE_TLS, ID, Account.NONE);
    }

    /** The reference server, except that STARTTLS with more bytes behind it in the same read gets {@code refusal}. */
    private static Behaviour refusingPipelined(Reply refusal) {
        ThreadLocal<Boolean> pipelined = ThreadLocal.withInitial(() -> false);
        return new Behaviour() {
            @Override
            protected void decorate(ChannelPipeline pipeline) {
                pipeline.addFirst(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        String read = ((ByteBuf) msg).toString(StandardCharsets.ISO_8859_1);
                        int end = read.indexOf("STARTTLS\r\n");
                        pipelined.set(end >= 0 && read.length() > end + "STARTTLS\r\n".length());
                        try {
                            ctx.fireChannelRead(msg);
                        } finally {
                            pipelined.remove();
                        }
                    }
                });
            }

            @Override
            protected Optional<Reply> refuseStartTls(String argument, boolean tlsActive) {
                return pipelined.get() ? Optional.of(refusal) : super.refuseStartTls(argument, tlsActive);
            }
        };
    }

    @Test
    void aCloseAfterTheNoopInsideTlsProvesNothing() {
        Summary.TargetSummary target = judged(new Behaviour() {
            @Override
            protected ChannelFuture emit(ChannelHandlerContext ctx, Verb cause, Reply reply) {
                ChannelFuture sent = super.emit(ctx, cause, reply);
                if (cause == Verb.NOOP && ctx.pipeline().get(SslHandler.class) != null) {
                    ctx.flush();
                    sent.addListener(ChannelFutureListener.CLOSE);
                }
                return sent;
            }
        });
        assertJudged(target, ID, Verdict.INCONCLUSIVE, "the server closed the connection", "leaves the requirement unjudged");
    }

    @Test
    void a454ToThePipelinedStartTlsIsNoRefusalOfTheLineBehindIt() {
        Summary.TargetSummary target = judged(refusingPipelined(Reply.of(454, "4.7.0", "TLS not available")));
        assertJudged(target, ID, Verdict.INCONCLUSIVE, "454, TLS temporarily unavailable");
    }

    @Test
    void aRefusalFromAServerWithoutAnyHandshakeProvesNothing() {
        Summary.TargetSummary target = judged(new Behaviour() {
            @Override
            protected Optional<Reply> refuseStartTls(String argument, boolean tlsActive) {
                return Optional.of(Reply.of(502, "5.5.1", "Command not implemented"));
            }
        });
        assertJudged(target, ID, Verdict.INCONCLUSIVE, "no TLS handshake with this target succeeded");
    }

    @Test
    void aLastingRefusalOfThePipelinedStartTlsFromAServerWithTlsPasses() {
        Summary.TargetSummary target = judged(refusingPipelined(Reply.of(503, "5.5.1", "pipelining STARTTLS refused")));
        assertJudged(target, ID, Verdict.PASS, "probe session completed a");
    }
}
