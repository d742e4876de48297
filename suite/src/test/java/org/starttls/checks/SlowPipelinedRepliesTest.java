package org.starttls.checks;

import static org.starttls.checks.Judged.assertJudged;

import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * A server whose replies to a pipelined group come in order but later than the reply timeout, more than once. A reply
 * read after the command sent behind the group may be a late one to the group: only the 221 to QUIT tells which reply
 * ends the group, so without it nothing is proved missing (INCONCLUSIVE, never FAIL); {@link MissingRepliesTest} keeps
 * the FAIL of a server that does answer QUIT.
 */
class SlowPipelinedRepliesTest {

    @Test
    void repliesSlowerThanTheTimeoutAreNotProvedMissing() {
        String inOrder = "RFC2920-3.2-MUST-REPLIES-IN-ORDER";
        String oneReply = "RFC5321-4.2-MUST-ONE-REPLY-PER-COMMAND";
        Summary.TargetSummary target = Judged.variant(Variant.PIPELINED_REPLIES_LAG, Profile.REQUIRE_TLS,
                inOrder + "," + oneReply, Account.NONE);

        for (String id : new String[] {inOrder, oneReply}) {
            assertJudged(target, id, Verdict.INCONCLUSIVE, "without the 221", "may be a late one to the group");
        }
    }
}
