package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.junit.jupiter.api.Test;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.Reply;
import org.starttls.fixtures.server.Verb;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * A close is no reply, and neither is a reply the decoder cannot read: at a judged step ({@code S!}, {@code QUIET!})
 * they leave the case INCONCLUSIVE, never a FAIL of the requirement the step is about. A server that drops the
 * connection on a second STARTTLS has plainly not started a second handshake.
 */
class NoReplyAtJudgedStepTest {

    private static final String TLS_ACTIVE = "RFC3207-4.2-MUST-KNOW-TLS-ACTIVE";
    private static final String NO_GREETING = "RFC3207-4.2-INFO-NO-GREETING-AFTER-TLS";

    @Test
    void aCloseInsteadOfRefusingASecondStartTlsIsNoFail() {
        Summary.CaseSummary judged = scriptCase(new Behaviour() {
            @Override
            protected ChannelFuture emit(ChannelHandlerContext ctx, Verb cause, Reply reply) {
                return cause == Verb.STARTTLS && reply.code() == 503 ? ctx.close() : super.emit(ctx, cause, reply);
            }
        }, TLS_ACTIVE);

        assertThat(judged.verdict()).as(judged.detail()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(judged.detail()).contains("S! 4xx|5xx").contains("a close is no reply");
    }

    @Test
    void aMalformedRefusalOfASecondStartTlsIsTheReplyFormatsFindingNotThisRequirementsFail() {
        Summary.CaseSummary judged = scriptCase(new Behaviour() {
            @Override
            protected String render(Reply reply) {
                // two codes in one reply: RFC 5321 §4.2.1's rule, not the TLS-active one
                return reply.code() == 503 && reply.lines().get(0).contains("TLS already active")
                        ? "503-5.5.1 TLS already active\r\n504 5.5.1 TLS already active\r\n" : super.render(reply);
            }
        }, TLS_ACTIVE);

        assertThat(judged.verdict()).as(judged.detail()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(judged.detail()).contains("S! 4xx|5xx").contains("reply grammar");
    }

    @Test
    void aCloseRightAfterTheHandshakeIsNoGreeting() {
        Summary.CaseSummary judged = scriptCase(new Behaviour() {
            @Override
            protected void decorate(ChannelPipeline pipeline) {
                pipeline.addBefore(ReferenceServer.SESSION, null, new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                        if (event instanceof SslHandshakeCompletionEvent completion && completion.isSuccess()) {
                            ctx.close();
                        }
                        ctx.fireUserEventTriggered(event);
                    }
                });
            }
        }, NO_GREETING);

        assertThat(judged.verdict()).as(judged.detail()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(judged.detail()).contains("QUIET! 1s").contains("a close is no unasked reply");
    }

    private static Summary.CaseSummary scriptCase(Behaviour behaviour, String id) {
        return Judged.caseOf(behaviour, Profile.REQUIRE_TLS, id, id);
    }
}
