package org.starttls.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.starttls.cases.ConformanceCase;
import org.starttls.checks.ExtraScripts;
import org.starttls.fixtures.postfix.PostfixListener;
import org.starttls.fixtures.postfix.PrivatePostfix;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

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
        Map<String, Verdict> normal = RESULTS.get(Profile.REQUIRE_TLS).results().stream()
                .collect(Collectors.toMap(Summary.RequirementResult::id, Summary.RequirementResult::verdict));

        assertThat(errorLimit.results()).allSatisfy(r -> assertThat(r.verdict()).as("%s: %s", r.id(), r.detail())
                .isIn(normal.get(r.id()), Verdict.INCONCLUSIVE));
        assertThat(errorLimit.results()).as("requirements cut short by 421 4.7.0 Error: too many errors")
                .filteredOn(r -> r.verdict() == Verdict.INCONCLUSIVE)
                .anySatisfy(r -> assertThat(r.detail()).contains("421"));
    }

    /** The 421 that follows a refused command reaches a QUIET! or CLOSE! verdict step: still INCONCLUSIVE. */
    @Test
    void a421DuringAQuietPeriodOrAnExpectedCloseIsInconclusiveToo() throws Exception {
        String refuseOnce = """
                S: 220
                C: EHLO ${helo}
                S: 250
                C: HELP
                S: 500
                """;
        String owner = "RFC5321-4.2-MUST-ONE-REPLY-PER-COMMAND";
        List<ConformanceCase> cases = List.of(
                ExtraScripts.of(owner, "421-QUIET", "a 421 during a quiet period", refuseOnce + "QUIET! 1s\n"),
                ExtraScripts.of(owner, "421-CLOSE", "a 421 where a close is expected", refuseOnce + "CLOSE!\n"));

        Summary.TargetSummary result = CatalogueRun.start(POSTFIX.postfix(), ERROR_LIMIT.name(), Profile.REQUIRE_TLS,
                "error-limit-quiet-close", cases).finish();

        assertThat(result.results()).flatExtracting(Summary.RequirementResult::cases).hasSize(2)
                .allSatisfy(c -> assertThat(c.verdict()).as("%s: %s%n%s", c.name(), c.detail(), c.transcript())
                        .isEqualTo(Verdict.INCONCLUSIVE));
    }
}
