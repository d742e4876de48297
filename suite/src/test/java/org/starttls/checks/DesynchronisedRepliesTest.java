package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.starttls.checks.Judged.details;
import static org.starttls.checks.Judged.result;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * Issue 12, class 5: a multi-line reply that ends early, followed by stray lines. The stray lines arrive before the
 * next command is sent: they are a finding of their own (one reply per command), and no later command is judged by
 * them; the rest of such a session is INCONCLUSIVE.
 */
class DesynchronisedRepliesTest {

    /** The cases the stray lines used to answer: STARTTLS, AUTH, STARTTLS with a parameter, the 530 gate. */
    private static final List<String> ANSWERED_BY_STRAY_LINES = List.of("RFC3207-4-INFO-STARTTLS-READY",
            "RFC4954-4-SHOULDNOT-PLAINTEXT-AUTH-BEFORE-TLS", "RFC3207-4-INFO-501-PARAMETERS", "RFC3207-4-SHOULD-530");

    @Test
    void strayLinesAreAFindingOfTheirOwnAndAnswerNoLaterCommand() {
        Summary.TargetSummary target = Judged.variant(Variant.MULTILINE_ENDS_EARLY, Profile.REQUIRE_TLS, "*",
                Account.NONE);

        Summary.RequirementResult oneReply = result(target, "RFC5321-4.2-MUST-ONE-REPLY-PER-COMMAND");
        assertThat(oneReply.verdict()).as(oneReply.detail()).isEqualTo(Verdict.FAIL);
        assertThat(details(target, "RFC5321-4.2-MUST-ONE-REPLY-PER-COMMAND")).contains("before").contains("was sent");
        for (String id : ANSWERED_BY_STRAY_LINES) {
            assertThat(result(target, id).verdict()).as(id + ": " + result(target, id).detail())
                    .isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(details(target, id)).as(id).contains("arrived before");
        }
    }
}
