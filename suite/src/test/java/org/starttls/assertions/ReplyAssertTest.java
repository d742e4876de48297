package org.starttls.assertions;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.starttls.assertions.SmtpAssertions.assertThat;

import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.starttls.client.Reply;

class ReplyAssertTest {

    private static final Reply OK = Reply.of(250, "2.1.0 OK");
    private static final Reply MUST_STARTTLS = Reply.of(530, "5.7.0 Must issue a STARTTLS command first");
    private static final Reply EHLO = Reply.of(250, "mail.example greets you", "PIPELINING", "STARTTLS", "AUTH PLAIN LOGIN");
    private static final String EHLO_QUOTED = "\n  250-mail.example greets you\n  250-PIPELINING\n  250-STARTTLS\n  250 AUTH PLAIN LOGIN";

    private static void failsWith(ThrowingCallable assertion, String message) {
        assertThatThrownBy(assertion).isInstanceOf(AssertionError.class).hasMessage(message);
    }

    @Test
    void passesWhenTheReplyConforms() {
        assertThat(MUST_STARTTLS).citing("RFC 3207 §4")
                .hasCode(530).hasCodeIn(530, 554).hasCodeClass(5)
                .hasEnhancedStatus("5.7.0").hasEnhancedStatusOnEveryLine()
                .hasTextMatching(Pattern.compile("(?i)starttls"));
        assertThat(EHLO).advertises("starttls").advertisesWithoutParameters("STARTTLS")
                .advertises("AUTH").doesNotAdvertise("SIZE");
    }

    @Test
    void hasCodeQuotesTheServerAndCitesTheRule() {
        failsWith(() -> assertThat(OK).citing("RFC 3207 §4").hasCode(530),
                "expected reply code 530 (RFC 3207 §4) but the server answered: 250 2.1.0 OK");
        failsWith(() -> assertThat(OK).hasCode(530), "expected reply code 530 but the server answered: 250 2.1.0 OK");
    }

    @Test
    void hasCodeInListsTheAcceptableCodes() {
        failsWith(() -> assertThat(OK).hasCodeIn(501, 504),
                "expected one of the reply codes 501, 504 but the server answered: 250 2.1.0 OK");
    }

    @Test
    void hasCodeClassNamesTheClass() {
        failsWith(() -> assertThat(OK).citing("RFC 3207 §4").hasCodeClass(5),
                "expected a 5xx reply (RFC 3207 §4) but the server answered: 250 2.1.0 OK");
    }

    @Test
    void hasEnhancedStatusComparesTheFirstLine() {
        failsWith(() -> assertThat(OK).hasEnhancedStatus("5.7.0"),
                "expected enhanced status code 5.7.0 but the server answered: 250 2.1.0 OK");
        failsWith(() -> assertThat(Reply.of(530, "Must issue a STARTTLS command first")).hasEnhancedStatus("5.7.0"),
                "expected enhanced status code 5.7.0 but the server answered: 530 Must issue a STARTTLS command first");
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(OK).hasEnhancedStatus("5.7"))
                .withMessage("'5.7' is not an enhanced status code like 5.7.0");
    }

    @Test
    void hasEnhancedStatusOnEveryLineNamesTheLinesWithout() {
        Reply help = Reply.of(214, "2.0.0 commands:", "EHLO NOOP", "2.0.0 end", "QUIT");

        failsWith(() -> assertThat(help).hasEnhancedStatusOnEveryLine(),
                "expected an enhanced status code at the start of every reply line (RFC 2034 §4) "
                        + "but it is missing on line 2, 4; the server answered:"
                        + "\n  214-2.0.0 commands:\n  214-EHLO NOOP\n  214-2.0.0 end\n  214 QUIT");
    }

    @Test
    void advertisesQuotesTheWholeEhloReply() {
        failsWith(() -> assertThat(EHLO).citing("RFC 3207 §4").advertises("SIZE"),
                "expected the EHLO reply to advertise SIZE (RFC 3207 §4) but the server answered:" + EHLO_QUOTED);
    }

    @Test
    void theGreetingLineIsNotAnAdvertisement() {
        failsWith(() -> assertThat(Reply.of(250, "STARTTLS")).advertises("STARTTLS"),
                "expected the EHLO reply to advertise STARTTLS but the server answered: 250 STARTTLS");
    }

    @Test
    void doesNotAdvertiseCatchesAReofferedStartTls() {
        failsWith(() -> assertThat(EHLO).citing("RFC 3207 §4.2").doesNotAdvertise("starttls"),
                "expected the EHLO reply not to advertise starttls (RFC 3207 §4.2) but the server answered:" + EHLO_QUOTED);
    }

    @Test
    void advertisesWithoutParametersRejectsParametersAndAbsence() {
        Reply withParameter = Reply.of(250, "mail.example", "STARTTLS required");

        failsWith(() -> assertThat(withParameter).advertisesWithoutParameters("STARTTLS"),
                "expected the EHLO reply to advertise STARTTLS without parameters but the server answered:"
                        + "\n  250-mail.example\n  250 STARTTLS required");
        failsWith(() -> assertThat(EHLO).advertisesWithoutParameters("SIZE"),
                "expected the EHLO reply to advertise SIZE without parameters but the server answered:" + EHLO_QUOTED);
    }

    @Test
    void hasTextMatchingShowsThePattern() {
        failsWith(() -> assertThat(OK).hasTextMatching(Pattern.compile("STARTTLS")),
                "expected the reply text to match /STARTTLS/ but the server answered: 250 2.1.0 OK");
    }

    @Test
    void aReplyWithPercentSignsIsQuotedVerbatim() {
        failsWith(() -> assertThat(Reply.of(550, "100% %s full")).hasCode(250),
                "expected reply code 250 but the server answered: 550 100% %s full");
    }

    @Test
    void aMissingReplyFailsPlainly() {
        assertThatThrownBy(() -> assertThat(null).hasCode(250)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
    }
}
