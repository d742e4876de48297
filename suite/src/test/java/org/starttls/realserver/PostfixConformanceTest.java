package org.starttls.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.starttls.catalogue.Profile;
import org.starttls.fixtures.postfix.PostfixListener;
import org.starttls.fixtures.postfix.PrivatePostfix;
import org.starttls.run.Summary;
import org.starttls.run.Verdict;

/**
 * The whole catalogue against a real mail server nobody here wrote: Postfix from Debian's package, one private
 * instance with a listener per profile. Its verdicts must be the ones {@link PostfixVerdicts} records from Postfix's
 * documented behaviour, so a change in the suite's judgement shows up here.
 */
class PostfixConformanceTest {

    private static final PostfixListener REQUIRE_TLS =
            PostfixListener.of("require-tls", "smtpd_tls_security_level", "encrypt");
    private static final PostfixListener OFFER_TLS = PostfixListener.of("offer-tls", "smtpd_tls_security_level", "may");
    /** Answers 421 after the first error (Postfix's default is the 20th), without the slow-down before it. */
    private static final PostfixListener ERROR_LIMIT = PostfixListener.of("error-limit", "smtpd_tls_security_level", "encrypt")
            .with("smtpd_hard_error_limit", "1").with("smtpd_error_sleep_time", "0");

    @RegisterExtension
    static final PrivatePostfixExtension POSTFIX = new PrivatePostfixExtension(REQUIRE_TLS, OFFER_TLS, ERROR_LIMIT);

    private static final Map<Profile, Summary.TargetSummary> RESULTS = new EnumMap<>(Profile.class);
    private static Summary.TargetSummary errorLimit;

    @BeforeAll
    static void runTheCatalogueAgainstEveryListener() throws Exception {
        PrivatePostfix postfix = POSTFIX.postfix();
        // all three at once: the run's time is that of the slowest listener, not the sum
        CatalogueRun requireTls = CatalogueRun.start(postfix, REQUIRE_TLS.name(), Profile.REQUIRE_TLS);
        CatalogueRun offerTls = CatalogueRun.start(postfix, OFFER_TLS.name(), Profile.OFFER_TLS);
        CatalogueRun tooManyErrors = CatalogueRun.start(postfix, ERROR_LIMIT.name(), Profile.REQUIRE_TLS);
        RESULTS.put(Profile.REQUIRE_TLS, requireTls.finish());
        RESULTS.put(Profile.OFFER_TLS, offerTls.finish());
        errorLimit = tooManyErrors.finish();
    }

    @AfterAll
    static void updateReadmeWhenAsked() throws Exception {
        if (ReadmeResults.requested() && RESULTS.size() == 2) {
            System.out.println("[postfix] results written to "
                    + ReadmeResults.write(ReadmeResults.markdown(POSTFIX.postfix().version(), RESULTS)));
        }
    }

    @Test
    void encryptListenerGetsTheVerdictsPostfixDocumentsUnderRequireTls() {
        TargetSummaryAssert.assertThat(RESULTS.get(Profile.REQUIRE_TLS))
                .hasVerdicts(PostfixVerdicts.TABLE, Profile.REQUIRE_TLS);
    }

    @Test
    void mayListenerGetsTheVerdictsPostfixDocumentsUnderOfferTls() {
        TargetSummaryAssert.assertThat(RESULTS.get(Profile.OFFER_TLS))
                .hasVerdicts(PostfixVerdicts.TABLE, Profile.OFFER_TLS);
    }

    /** A 421 can only cut a case short: each verdict is the one the normal listener got, or INCONCLUSIVE. */
    @Test
    void a421FromPostfixMakesACaseInconclusiveNeverFail() {
        Map<String, String> normal = RESULTS.get(Profile.REQUIRE_TLS).results().stream()
                .collect(Collectors.toMap(Summary.RequirementResult::id, Summary.RequirementResult::verdict));

        assertThat(errorLimit.results()).allSatisfy(r -> assertThat(r.verdict()).as("%s: %s", r.id(), r.detail())
                .isIn(normal.get(r.id()), Verdict.INCONCLUSIVE.name()));
        assertThat(errorLimit.results()).as("requirements cut short by 421 4.7.0 Error: too many errors")
                .filteredOn(r -> r.verdict().equals(Verdict.INCONCLUSIVE.name()))
                .anySatisfy(r -> assertThat(r.detail()).contains("421"));
    }
}
