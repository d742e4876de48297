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
 * Issue 12, class 7: NOT_APPLICABLE only from something observed. "The server does not advertise PIPELINING inside TLS"
 * needs an EHLO reply inside TLS that omits it; without one (TLS never came up, EHLO refused) it is INCONCLUSIVE.
 */
class ObservedNotApplicableTest {

    @Test
    void withoutAnEhloReplyInsideTlsAnExtensionInsideTlsIsUnknown() {
        String id = "RFC2920-3.2-MUST-REPLIES-IN-ORDER";
        Summary.TargetSummary target = Judged.variant(Variant.STARTTLS_ALWAYS_454, Profile.REQUIRE_TLS, id, Account.NONE);

        assertThat(result(target, id).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result(target, id).detail()).contains("no EHLO reply inside TLS").contains("PIPELINING");
    }

    @Test
    void aRefusedEhloIsNoKeywordListEither() {
        String id = "RFC3207-4-SHOULD-ENHANCED-CODE";
        Summary.TargetSummary target = Judged.variant(Variant.EHLO_REFUSED_BEFORE_TLS, Profile.REQUIRE_TLS, id,
                Account.NONE);

        assertThat(result(target, id).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result(target, id).detail()).contains("ENHANCEDSTATUSCODES");
    }
}
