package org.starttls.checks;

import static org.starttls.checks.Judged.assertJudged;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.Reply;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * RFC8314-3.3-INFO-HANDSHAKE-FIRST asks for a TLS handshake at connect. A connection closed before any ClientHello sent
 * no plaintext, but shows no handshake either; a 421 greeting inside TLS is the service closing, which may come at any
 * time. Neither is a FAIL.
 */
class ImplicitTlsJudgementTest {

    private static final String ID = "RFC8314-3.3-INFO-HANDSHAKE-FIRST";

    private static Summary.TargetSummary judged(Behaviour behaviour) {
        return Judged.server(ServerOptions.builder(Judged.pki().server()).mode(ServerOptions.Mode.IMPLICIT_TLS)
                .behaviour(behaviour).build(), Profile.IMPLICIT_TLS, ID, Account.NONE);
    }

    @Test
    void aCloseBeforeAnyClientHelloIsNoPlaintextAndNoHandshake() {
        Summary.TargetSummary target = judged(new Behaviour() {
            @Override
            protected void decorate(ChannelPipeline pipeline) {
                pipeline.addFirst(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ctx.close();
                    }
                });
            }
        });
        assertJudged(target, ID, Verdict.INCONCLUSIVE, "before any ClientHello the server closed the connection");
    }

    @Test
    void a421GreetingInsideTlsIsTheServiceClosing() {
        Summary.TargetSummary target = judged(new Behaviour() {
            @Override
            protected void greet(ChannelHandlerContext ctx, Reply greeting) {
                super.greet(ctx, Reply.of(421, "4.3.2", "too busy, closing"));
            }
        });
        assertJudged(target, ID, Verdict.INCONCLUSIVE, "421 4.3.2 too busy", "RFC 5321 §3.8");
    }
}
