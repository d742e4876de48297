package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.starttls.checks.Refusals.Kind;
import org.starttls.client.Reply;

/** What a refusal means, from the replies real servers send (issue 12, class 2). */
class RefusalsTest {

    private static Reply reply(int code, String text) {
        return Reply.of(code, text);
    }

    @Test
    void aStartTls530SaysSoWhateverIsOffered() {
        // Postfix and Exim before TLS; a server still demanding STARTTLS inside TLS while AUTH is offered
        Reply postfix = reply(530, "5.7.0 Must issue a STARTTLS command first");
        assertThat(Refusals.of(postfix, false, false)).contains(Kind.STARTTLS_REQUIRED);
        assertThat(Refusals.of(postfix, true, true)).contains(Kind.STARTTLS_REQUIRED);
    }

    @Test
    void anAuthentication530IsNeverTheStartTlsDemand() {
        // nodemailer's smtp-server (no enhanced codes) and RFC 4954 §6's own text
        for (Reply r : List.of(reply(530, "Error: authentication Required"), reply(530, "5.7.0 Authentication required"))) {
            assertThat(Refusals.of(r, false, false)).as(r.text()).contains(Kind.AUTHENTICATION_REQUIRED);
            assertThat(Refusals.of(r, true, true)).as(r.text()).contains(Kind.AUTHENTICATION_REQUIRED);
        }
    }

    @Test
    void insideTlsWithAuthOfferedAnAuthenticationMentionWinsOverTls() {
        Reply both = reply(530, "5.7.0 Authentication required on this TLS session");
        assertThat(Refusals.of(both, true, true)).contains(Kind.AUTHENTICATION_REQUIRED);
        // without AUTH offered, or before TLS, the mention of TLS still says what the 530 is
        assertThat(Refusals.of(both, true, false)).contains(Kind.STARTTLS_REQUIRED);
        assertThat(Refusals.of(both, false, true)).contains(Kind.STARTTLS_REQUIRED);
    }

    @Test
    void aBare530IsReadByItsContext() {
        Reply bare = reply(530, "5.7.0 Access denied");
        assertThat(Refusals.of(bare, false, false)).contains(Kind.STARTTLS_REQUIRED);
        assertThat(Refusals.of(bare, true, false)).contains(Kind.STARTTLS_REQUIRED);
        assertThat(Refusals.of(bare, true, true)).contains(Kind.AUTHENTICATION_REQUIRED);
    }

    @Test
    void securityOrPolicyStatusesArePolicyRefusalsAndOtherRepliesAreNot() {
        assertThat(Refusals.of(reply(550, "5.7.1 Relaying denied"), true, false)).contains(Kind.POLICY);
        assertThat(Refusals.of(reply(451, "4.7.1 Try again later"), true, false)).contains(Kind.POLICY);
        assertThat(Refusals.of(reply(503, "5.5.1 Bad sequence of commands"), true, false)).isEmpty();
        assertThat(Refusals.of(reply(250, "2.7.0 OK"), true, false)).isEmpty();
        assertThat(Refusals.of(reply(550, "No such user"), true, false)).isEmpty();
    }
}
