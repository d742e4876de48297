package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.starttls.checks.Judged.result;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.Reply;
import org.starttls.fixtures.server.Verb;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * Issue 12, class 3: RFC 5321 §4.1.4 wants 503 for commands "out of order to the degree that they cannot be processed";
 * a second MAIL can be processed, as the start of a new transaction (§3.3: MAIL "tells the SMTP-receiver that a new
 * mail transaction is starting and to reset all its state tables and buffers"). Only a 503 must keep the state.
 */
class NestedMailTest {

    private static final String BAD_SEQUENCE = "RFC5321-4.1.4-MUST-503-BAD-SEQUENCE";

    @Test
    void aSecondMailThatStartsANewTransactionPasses() {
        Summary.TargetSummary target = Judged.variant(Variant.NEW_TRANSACTION_ON_SECOND_MAIL, Profile.REQUIRE_TLS,
                BAD_SEQUENCE, Account.NONE);

        assertThat(result(target, BAD_SEQUENCE).verdict()).isEqualTo(Verdict.PASS);
        assertThat(result(target, BAD_SEQUENCE).detail()).contains("new transaction");
    }

    /** A 4xx is transient: it says nothing about the order of the commands, for RCPT before MAIL as for nested MAIL. */
    @Test
    void aTransientRefusalOfRcptBeforeMailIsNoFail() {
        Summary.TargetSummary target = Judged.server(Judged.requireTls(new Behaviour() {
            @Override
            protected ChannelFuture emit(ChannelHandlerContext ctx, Verb cause, Reply reply) {
                return super.emit(ctx, cause, cause == Verb.RCPT && reply.code() == 503
                        ? Reply.of(451, "4.3.0", "try again later") : reply);
            }
        }), Profile.REQUIRE_TLS, BAD_SEQUENCE, Account.NONE);

        assertThat(result(target, BAD_SEQUENCE).verdict()).as(result(target, BAD_SEQUENCE).detail())
                .isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result(target, BAD_SEQUENCE).detail()).contains("transient refusal (451 4.3.0");
    }

    @Test
    void a503ThatDropsTheOpenTransactionStillFails() {
        Summary.TargetSummary target = Judged.variant(Variant.NESTED_MAIL_DROPS_TRANSACTION, Profile.REQUIRE_TLS,
                BAD_SEQUENCE, Account.NONE);

        assertThat(result(target, BAD_SEQUENCE).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result(target, BAD_SEQUENCE).detail()).contains("dropped the open transaction");
    }
}
