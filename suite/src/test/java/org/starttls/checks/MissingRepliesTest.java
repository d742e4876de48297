package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.starttls.checks.Judged.details;
import static org.starttls.checks.Judged.result;

import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * Issue 12, class 8: pipelined commands, one reply, then the server answers the next command. The liveness proves the
 * other replies missing: a FAIL of one reply per command and of replies in order, not INCONCLUSIVE.
 */
class MissingRepliesTest {

    @Test
    void repliesThatLivenessProvesMissingAreAFailNotATimeout() {
        String inOrder = "RFC2920-3.2-MUST-REPLIES-IN-ORDER";
        String oneReply = "RFC5321-4.2-MUST-ONE-REPLY-PER-COMMAND";
        Summary.TargetSummary target = Judged.variant(Variant.PIPELINED_REPLIES_DROPPED, Profile.REQUIRE_TLS,
                inOrder + "," + oneReply, Account.NONE);

        assertThat(result(target, inOrder).verdict()).as(result(target, inOrder).detail()).isEqualTo(Verdict.FAIL);
        assertThat(details(target, inOrder)).contains("missing");
        assertThat(result(target, oneReply).verdict()).as(result(target, oneReply).detail()).isEqualTo(Verdict.FAIL);
        assertThat(details(target, oneReply)).contains("missing");
    }
}
