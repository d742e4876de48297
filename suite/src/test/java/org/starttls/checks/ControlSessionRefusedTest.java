package org.starttls.checks;

import static org.starttls.checks.Judged.assertJudged;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.server.Behaviour.Knowledge;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.Line;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * RFC3207-4.2-MUST-FORGET-EHLO: MAIL right after the handshake was accepted, and the control session that would show
 * whether the server requires EHLO at all cannot start TLS (STARTTLS before EHLO gets 503). The session did STARTTLS,
 * so the requirement applies; only its proof failed: INCONCLUSIVE, not NOT_APPLICABLE.
 */
class ControlSessionRefusedTest {

    private static final String FORGET_EHLO = "RFC3207-4.2-MUST-FORGET-EHLO";

    /** Answers STARTTLS with 503 while no EHLO was sent on the connection; the session never sees that STARTTLS. */
    private static final class EhloBeforeStartTls extends ChannelInboundHandlerAdapter {
        private boolean ehloSeen;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            String verb = message instanceof Line line ? line.text().strip().toUpperCase(Locale.ROOT) : "";
            ehloSeen |= verb.startsWith("EHLO");
            if (verb.equals("STARTTLS") && !ehloSeen) {
                ctx.writeAndFlush(Unpooled.copiedBuffer("503 5.5.1 EHLO first\r\n", StandardCharsets.US_ASCII));
                return;
            }
            ctx.fireChannelRead(message);
        }
    }

    @Test
    void aControlSessionThatCannotStartTlsLeavesTheRequirementUnjudged() {
        ServerOptions options = Judged.requireTls(new Behaviour() {
                    @Override
                    protected boolean forgetsOnTls(Knowledge knowledge) {
                        return knowledge != Knowledge.HELO;
                    }

                    @Override
                    protected void decorate(ChannelPipeline pipeline) {
                        pipeline.addBefore(ReferenceServer.SESSION, null, new EhloBeforeStartTls());
                    }
                });
        Summary.TargetSummary target = Judged.server(options, Profile.REQUIRE_TLS, FORGET_EHLO, Account.NONE);

        assertJudged(target, FORGET_EHLO, Verdict.INCONCLUSIVE, "could not start TLS (503 5.5.1 EHLO first)",
                "is unknown");
    }
}
