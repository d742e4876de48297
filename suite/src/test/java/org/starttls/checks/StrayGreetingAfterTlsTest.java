package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.starttls.checks.Judged.assertJudged;
import static org.starttls.checks.Judged.result;

import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * A server that greets again inside TLS right after the handshake (an INFO finding of its own). The 220 answers no
 * command, whether it arrives before the first command inside TLS or is read as its reply: the cases that count the
 * replies inside TLS cannot count with it, so they are INCONCLUSIVE and say why, not a MUST FAIL.
 */
class StrayGreetingAfterTlsTest {

    @Test
    void aSecondGreetingIsNoReplyToTheInjectedCommandNorOneTooMany() {
        String injected = "RFC3207-4.2-MUST-DISCARD-PIPELINED-PLAINTEXT";
        String oneReply = "RFC5321-4.2-MUST-ONE-REPLY-PER-COMMAND";
        Summary.TargetSummary target = Judged.variant(Variant.GREETING_AFTER_TLS, Profile.REQUIRE_TLS,
                injected + "," + oneReply + ",RFC3207-4.2-INFO-NO-GREETING-AFTER-TLS", Account.NONE);

        for (String id : new String[] {injected, oneReply}) {
            assertJudged(target, id, Verdict.INCONCLUSIVE, "a 220 greeting came inside TLS",
                    "RFC3207-4.2-INFO-NO-GREETING-AFTER-TLS");
        }
        assertThat(result(target, "RFC3207-4.2-INFO-NO-GREETING-AFTER-TLS").verdict()).isEqualTo(Verdict.FAIL);
    }
}
