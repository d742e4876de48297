package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.starttls.checks.Judged.result;

import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Level;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/** Issue 12, class 11: verbs are case-insensitive (RFC 5321 §2.4), so "starttls" must start TLS too. */
class LowerCaseStartTlsTest {

    private static final String ID = "RFC5321-2.4-INFO-VERBS-CASE-INSENSITIVE";

    @Test
    void aServerThatRefusesLowerCaseStartTlsIsReportedAtTheRfcsLevel() {
        Summary.TargetSummary target = Judged.variant(Variant.STARTTLS_CASE_SENSITIVE, Profile.REQUIRE_TLS, ID,
                Account.NONE);

        assertThat(result(target, ID).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result(target, ID).level()).as("RFC 5321 §2.4 gives the rule no keyword").isEqualTo(Level.INFO);
        assertThat(result(target, ID).detail()).contains("530");
    }

    @Test
    void theReferenceServerTakesStartTlsInAnyCase() {
        Summary.TargetSummary target = Judged.server(org.starttls.fixtures.server.ServerOptions.builder(Judged.pki().server())
                .build(), Profile.REQUIRE_TLS, ID, Account.NONE);

        assertThat(result(target, ID).verdict()).isEqualTo(Verdict.PASS);
    }
}
