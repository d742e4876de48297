package org.starttls.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.starttls.cases.ConformanceCase;
import org.starttls.checks.CheckLibrary;
import org.starttls.checks.ExtraScripts;
import org.starttls.fixtures.postfix.PostfixListener;
import org.starttls.fixtures.postfix.PrivatePostfix;
import org.starttls.summary.Profile;
import org.starttls.summary.Role;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * A 421 from a real server can only cut a case short, never make it FAIL: the whole catalogue against a Postfix
 * listener that answers 421 after the first error ({@code smtpd_hard_error_limit = 1}; Postfix's default is the 20th)
 * gets, case by case, the verdict its matrix data file expects of the normal require-tls listener, or INCONCLUSIVE.
 */
class PostfixErrorLimitTest {

    /** Answers 421 after the first error, without the slow-down before it. */
    private static final PostfixListener ERROR_LIMIT = PostfixListener.of("error-limit", "smtpd_tls_security_level", "encrypt")
            .with("smtpd_hard_error_limit", "1").with("smtpd_error_sleep_time", "0");

    @RegisterExtension
    static final PrivatePostfixExtension POSTFIX = new PrivatePostfixExtension(ERROR_LIMIT);

    private static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor();

    @AfterAll
    static void stopTheRuns() {
        EXECUTOR.shutdownNow();
    }

    private static Summary.TargetSummary run(String report, List<ConformanceCase> cases) {
        PrivatePostfix postfix = POSTFIX.postfix();
        CatalogueRun listener = new CatalogueRun("Postfix " + postfix.version() + " " + ERROR_LIMIT.name(),
                postfix.target(ERROR_LIMIT.name()), Profile.REQUIRE_TLS, postfix.caCertificate(), Optional.empty(), 4);
        return listener.start(cases, Path.of("target", "postfix-report", report), EXECUTOR).join();
    }

    @Test
    void a421FromPostfixMakesACaseInconclusiveNeverFail() throws Exception {
        List<ConformanceCase> catalogue = CheckLibrary.cases(Role.SERVER);
        Map<String, VerdictFile.Line> normal = VerdictFile.read(VerdictFile.of("postfix", "require-tls"), catalogue).lines();

        Map<String, Summary.CaseSummary> cut = CatalogueRun.cases(run(ERROR_LIMIT.name(), catalogue));

        assertThat(normal).as("the cases of %s", VerdictFile.of("postfix", "require-tls")).containsOnlyKeys(cut.keySet());

        assertThat(cut.values()).allSatisfy(c -> assertThat(c.verdict()).as("%s: %s", c.name(), c.detail())
                .isIn(normal.get(c.name()).verdict(), Verdict.INCONCLUSIVE));
        assertThat(cut.values()).as("cases cut short by 421 4.7.0 Error: too many errors")
                .filteredOn(c -> c.verdict() == Verdict.INCONCLUSIVE)
                .anySatisfy(c -> assertThat(c.detail()).contains("421"));
    }

    /** The 421 that follows a refused command reaches a QUIET! or CLOSE! verdict step: still INCONCLUSIVE. */
    @Test
    void a421DuringAQuietPeriodOrAnExpectedCloseIsInconclusiveToo() {
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

        Summary.TargetSummary result = run("error-limit-quiet-close", cases);

        assertThat(result.results()).flatExtracting(Summary.RequirementResult::cases).hasSize(2)
                .allSatisfy(c -> assertThat(c.verdict()).as("%s: %s%n%s", c.name(), c.detail(), c.transcript())
                        .isEqualTo(Verdict.INCONCLUSIVE));
    }
}
