package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.starttls.checks.Judged.result;

import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * Issue 12, class 6: a case judges the step its requirement is about and nothing else. A follow-up or liveness step
 * that goes wrong makes the case INCONCLUSIVE (or is judged by the requirement that step is about), never the judged
 * one: no keyword list, no FAIL of a rule about keywords.
 */
class JudgedStepTest {

    @Test
    void aRefusedNoopAfterACorrect501IsNoFaultOfThe501Rule() {
        String id = "RFC3207-4-INFO-501-PARAMETERS";
        Summary.TargetSummary target = Judged.variant(Variant.NOOP_REFUSED_BEFORE_TLS, Profile.REQUIRE_TLS, id,
                Account.NONE);

        assertThat(result(target, id).verdict()).as(result(target, id).detail()).isEqualTo(Verdict.PASS);
    }

    @Test
    void anEhloRefusedInsideTlsShowsNoKeywordListSoNoReofferedStartTls() {
        String reoffer = "RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS";
        String noGreeting = "RFC3207-4.2-INFO-NO-GREETING-AFTER-TLS";
        Summary.TargetSummary target = Judged.variant(Variant.INSUFFICIENT_SECURITY_NOT_ENFORCED, Profile.REQUIRE_TLS,
                reoffer + "," + noGreeting, Account.NONE);

        assertThat(result(target, reoffer).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result(target, reoffer).detail()).contains("no EHLO keyword list");
        assertThat(result(target, noGreeting).verdict()).as("the 554 proves the session alive")
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void aQuitThatIsAnsweredButNotFollowedByACloseIsAllowedBeforeTls() {
        String allowed = "RFC3207-4-INFO-ALLOWED-BEFORE-TLS";
        String quit = "RFC5321-4.1.1.10-MUST-QUIT-221-CLOSE";
        Summary.TargetSummary target = Judged.variant(Variant.QUIT_WITHOUT_CLOSE, Profile.REQUIRE_TLS,
                allowed + "," + quit, Account.NONE);

        assertThat(result(target, allowed).verdict()).as("QUIT was not refused").isEqualTo(Verdict.PASS);
        assertThat(result(target, quit).verdict()).as("the close is this rule's").isEqualTo(Verdict.FAIL);
    }
}
