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
 * Issue 12, class 10: 538 5.7.11 to AUTH before TLS is the code RFC 4954 §6 defines for exactly this case, a refusal
 * that satisfies the before-TLS rule for AUTH, not a "should have been 530" FAIL.
 */
class AuthBeforeTlsTest {

    @Test
    void a538ToAuthBeforeTlsIsTheRefusalRfc4954Defines() {
        String id = "RFC3207-4-SHOULD-530";
        Summary.TargetSummary target = Judged.variant(Variant.AUTH_538_BEFORE_TLS, Profile.REQUIRE_TLS, id, Account.NONE);

        Summary.CaseSummary auth = result(target, id).cases().stream().filter(c -> c.name().endsWith("-AUTH"))
                .findFirst().orElseThrow();
        assertThat(auth.verdict()).as(auth.detail()).isEqualTo(Verdict.PASS);
        assertThat(auth.detail()).contains("538").contains("RFC 4954");
        assertThat(result(target, id).verdict()).isEqualTo(Verdict.PASS);
    }
}
