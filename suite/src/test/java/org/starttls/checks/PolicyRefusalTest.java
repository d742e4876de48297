package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.starttls.checks.Judged.details;
import static org.starttls.checks.Judged.result;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.Reply;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.fixtures.server.Verb;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * Issue 12, class 2: a server that requires authentication answers mail commands {@code 530 5.7.0 Authentication
 * required} (RFC 4954 §6). That is a policy refusal, not a sequence or ordering error, and not a demand for STARTTLS;
 * a 530 that does demand STARTTLS inside TLS is a FAIL of the TLS-active rule, AUTH offered or not.
 */
class PolicyRefusalTest {

    private static final String BAD_SEQUENCE = "RFC5321-4.1.4-MUST-503-BAD-SEQUENCE";
    private static final String IN_ORDER = "RFC2920-3.2-MUST-REPLIES-IN-ORDER";
    private static final String PUBLIC_MX = "RFC3207-4-MUSTNOT-REQUIRE-TLS-PUBLIC-MX";
    private static final String TLS_ACTIVE = "RFC3207-4.2-MUST-KNOW-TLS-ACTIVE";
    private static final String SHOULD_530 = "RFC3207-4-SHOULD-530";

    @Test
    void withoutAnAccountAnAuthenticationRefusalLeavesSequenceAndOrderInconclusive() {
        Summary.TargetSummary target = Judged.variant(Variant.AUTHENTICATION_REQUIRED_FOR_MAIL, Profile.REQUIRE_TLS,
                BAD_SEQUENCE + "," + IN_ORDER, Account.NONE);

        for (String id : new String[] {BAD_SEQUENCE, IN_ORDER}) {
            assertThat(result(target, id).verdict()).as(id).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(details(target, id)).as(id).contains("authentication").contains("no AUTH account");
        }
    }

    @Test
    void withTheAccountTheCasesAuthenticateAndJudgeTheSequence() {
        Summary.TargetSummary target = Judged.variant(Variant.AUTHENTICATION_REQUIRED_FOR_MAIL, Profile.REQUIRE_TLS,
                BAD_SEQUENCE + "," + IN_ORDER, Account.GIVEN);

        assertThat(result(target, BAD_SEQUENCE).verdict()).isEqualTo(Verdict.PASS);
        assertThat(result(target, IN_ORDER).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aPublicMxThatRequiresAuthenticationIsNotSaidToRequireStartTls() {
        Summary.TargetSummary target = Judged.variant(Variant.AUTHENTICATION_REQUIRED_FOR_MAIL, Profile.OFFER_TLS,
                PUBLIC_MX, Account.NONE);

        assertThat(result(target, PUBLIC_MX).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(details(target, PUBLIC_MX)).contains("authentication").doesNotContain("requires STARTTLS");
    }

    @Test
    void anAuthenticationRefusalBeforeTlsIsNotTheStartTlsDemand() {
        // the server in public-MX mode, judged as require-tls: MAIL before TLS meets the authentication requirement
        Summary.TargetSummary judged = Judged.server(Variant.AUTHENTICATION_REQUIRED_FOR_MAIL.options(Judged.pki())
                .mode(ServerOptions.Mode.OFFER_TLS).build(), Profile.REQUIRE_TLS, SHOULD_530, Account.NONE);

        assertThat(result(judged, SHOULD_530).cases()).filteredOn(c -> c.name().endsWith("-MAIL")).singleElement()
                .satisfies(c -> {
                    assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
                    assertThat(c.detail()).contains("authentication required");
                });
    }

    @Test
    void aStartTls530InsideTlsFailsTheTlsActiveRuleEvenWithAuthOffered() {
        Summary.TargetSummary target = Judged.variant(Variant.STILL_530_AFTER_TLS_AUTH_OFFERED, Profile.REQUIRE_TLS,
                TLS_ACTIVE + "," + BAD_SEQUENCE + "," + IN_ORDER, Account.NONE);

        assertThat(result(target, TLS_ACTIVE).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(details(target, TLS_ACTIVE)).contains("Must issue a STARTTLS command first");
        assertThat(result(target, BAD_SEQUENCE).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result(target, IN_ORDER).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void anAuthentication530InsideTlsThatAlsoNamesTlsIsNoStartTlsDemandWhenAuthIsOffered() {
        ServerOptions options = Variant.AUTHENTICATION_REQUIRED_FOR_MAIL.options(Judged.pki()).behaviour(new Behaviour() {
            @Override
            protected boolean needsAuthentication(Verb verb, boolean tlsActive) {
                return verb == Verb.MAIL || verb == Verb.RCPT;
            }

            @Override
            protected String render(Reply reply) {
                boolean authentication = reply.code() == 530 && reply.lines().equals(List.of("Authentication required"));
                return super.render(authentication
                        ? Reply.of(530, "5.7.0", "Authentication required on this TLS session") : reply);
            }
        }).build();
        Summary.TargetSummary target = Judged.server(options, Profile.REQUIRE_TLS, TLS_ACTIVE, Account.NONE);

        assertThat(result(target, TLS_ACTIVE).cases()).filteredOn(c -> c.name().endsWith("NO-530-INSIDE-TLS"))
                .singleElement().satisfies(c -> {
                    assertThat(c.verdict()).as(c.detail()).isEqualTo(Verdict.PASS);
                    assertThat(c.detail()).contains("authentication required")
                            .contains("Authentication required on this TLS session");
                });
        assertThat(result(target, TLS_ACTIVE).verdict()).isNotEqualTo(Verdict.FAIL);
    }
}
