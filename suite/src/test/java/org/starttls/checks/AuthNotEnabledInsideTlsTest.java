package org.starttls.checks;

import static org.starttls.checks.Judged.assertJudged;

import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.Reply;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.fixtures.server.Verb;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * AUTH carried out in cleartext and forgotten on the handshake, but not enabled inside TLS: the EHLO reply there offers
 * no AUTH and AUTH gets {@code 503 5.5.1 Authentication not enabled}. That 503 is not "already authenticated": without
 * AUTH PLAIN offered inside TLS the case cannot tell which it is (INCONCLUSIVE, not a MUST FAIL).
 */
class AuthNotEnabledInsideTlsTest {

    private static final String FORGET_AUTH = "RFC3207-4.2-MUST-FORGET-AUTH";

    @Test
    void a503ToAuthThatTheEhloInsideTlsDoesNotOfferProvesNothing() {
        ServerOptions options = Judged.requireTls(new Behaviour() {
                    @Override
                    protected boolean needsTls(Verb verb, boolean tlsActive) {
                        return verb != Verb.AUTH && super.needsTls(verb, tlsActive);
                    }

                    @Override
                    protected boolean acceptsAuth(boolean tlsActive) {
                        return !tlsActive;
                    }

                    @Override
                    protected boolean advertisesAuth(boolean tlsActive) {
                        return false;
                    }

                    @Override
                    protected String render(Reply reply) {
                        // the refusal of AUTH where it is not accepted, as servers without AUTH inside TLS word it
                        return super.render(reply.code() == 538 ? Reply.of(503, "5.5.1", "Authentication not enabled")
                                : reply);
                    }
                });
        Summary.TargetSummary target = Judged.server(options, Profile.REQUIRE_TLS, FORGET_AUTH, Account.GIVEN);

        assertJudged(target, FORGET_AUTH, Verdict.INCONCLUSIVE, "503 5.5.1 Authentication not enabled",
                "offers no AUTH PLAIN");
    }
}
