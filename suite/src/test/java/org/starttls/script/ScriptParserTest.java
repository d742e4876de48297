package org.starttls.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptParserTest {

    private static final String GOOD = """
            @id       RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS
            @quote    A server MUST NOT return the STARTTLS extension
            @quote    in response to an EHLO command
            @case     Server must not advertise STARTTLS again once TLS is active
            @needs    PIPELINING tls:AUTH
            S: 220
            C: EHLO ${helo}
            S: 250 +STARTTLS
            C~ STARTTLS\\r\\nNOOP\\r\\n
            S: 220
            TLS
            QUIET! 1.5s
            C: EHLO ${helo}
            S! 250 -STARTTLS /greets/
            C: MAIL FROM:<a@b>
            S! 530|554 5.7.0
            CLOSE!
            """;

    @Test
    void readsHeadersAndEveryStepKind() {
        RequirementText file = ScriptParser.parse("requirements/x.smtp", GOOD);
        assertThat(file.joined("@id")).contains("RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS");
        assertThat(file.joined("@quote")).contains("A server MUST NOT return the STARTTLS extension in response to an EHLO command");
        assertThat(file.line("@quote")).isEqualTo(2);
        assertThat(file.cases()).hasSize(1);
        Script s = file.cases().get(0);
        assertThat(s.suffix()).isEmpty();
        assertThat(s.line()).isEqualTo(4);
        assertThat(s.description()).isEqualTo("Server must not advertise STARTTLS again once TLS is active");
        assertThat(s.needsClear()).containsExactly("PIPELINING");
        assertThat(s.needsTls()).containsExactly("AUTH");
        assertThat(s.steps()).hasSize(12);
        assertThat(s.steps().get(3)).isEqualTo(new Step.Send(9, "C~ STARTTLS\\r\\nNOOP\\r\\n", "STARTTLS\\r\\nNOOP\\r\\n", true));
        assertThat(s.steps().get(5)).isInstanceOf(Step.StartTls.class).matches(step -> !step.verdict());
        assertThat(s.steps().get(6)).isEqualTo(new Step.Quiet(12, "QUIET! 1.5s", Duration.ofMillis(1500), true));
        Step.Expect ehlo = (Step.Expect) s.steps().get(8);
        assertThat(ehlo.verdict()).isTrue();
        assertThat(ehlo.expectations()).hasSize(3);
        assertThat(ehlo.expectations().get(1)).isEqualTo(new Expectation.Keyword("STARTTLS", false));
        Step.Expect mail = (Step.Expect) s.steps().get(10);
        assertThat(((Expectation.Code) mail.expectations().get(0)).matches(554)).isTrue();
        assertThat(((Expectation.Code) mail.expectations().get(0)).matches(550)).isFalse();
        assertThat(mail.expectations().get(1)).isEqualTo(new Expectation.Enhanced("5.7.0"));
        assertThat(s.steps().get(11)).isInstanceOf(Step.Close.class);
    }

    @Test
    void namedCasesKeepTheirLinesApart() {
        RequirementText file = ScriptParser.parse("f.smtp", "@id X\n@case A: first\nS! 220\n\n@case B-2: second\n# note\nS! 220\n");
        assertThat(file.cases()).extracting(Script::suffix).containsExactly(Optional.of("A"), Optional.of("B-2"));
        assertThat(file.cases()).extracting(Script::description).containsExactly("first", "second");
        assertThat(file.cases().get(1).text()).isEqualTo("@case B-2: second\n# note\nS! 220\n");
    }

    @Test
    void codeClassesMatchByFirstDigit() {
        Expectation.Code c = new Expectation.Code(java.util.List.of("4xx", "5xx"));
        assertThat(c.matches(454)).isTrue();
        assertThat(c.matches(503)).isTrue();
        assertThat(c.matches(250)).isFalse();
    }

    @Test
    void aJudgedStepNamesTheRepliesThatBreakItsRequirement() {
        Script s = ScriptParser.parse("f.smtp", "@case c\nC: RCPT TO:<a@b>\nS! 503 5.5.1 fail:2xx|354\n").cases().get(0);
        Step.Expect rcpt = (Step.Expect) s.steps().get(1);
        assertThat(rcpt.expectations()).hasSize(3);
        Expectation.Violation violation = (Expectation.Violation) rcpt.expectations().get(2);
        assertThat(violation.matches(250)).isTrue();
        assertThat(violation.matches(354)).isTrue();
        assertThat(violation.matches(530)).isFalse();
        assertThat(violation).hasToString("fail:2xx|354");
    }

    @Test
    void unescapesBytes() {
        assertThat(ScriptParser.unescape("A\\r\\n\\x00\\\\")).containsExactly('A', '\r', '\n', 0, '\\');
    }

    @Test
    void namesFileLineAndReasonForEveryMistake() {
        assertError("@case c\nS: 220\nX: nonsense\nS! 250", "f.smtp:3: cannot read 'X: nonsense'");
        assertError("@case c\nS: 2500\nS! 250", "f.smtp:2: '2500' is not a reply code");
        assertError("@case c\nS: 600\nS! 250", "f.smtp:2: '600' is not a reply code");
        assertError("@case c\nS: 250 bogus\nS! 250", "f.smtp:2: cannot read 'bogus' in S:");
        assertError("@case c\nS: 250 /(unclosed/\nS! 250", "f.smtp:2: bad regular expression");
        assertError("@case c\nQUIET! forever", "f.smtp:2: QUIET needs a duration");
        assertError("@case c\nQUIET! 90s", "f.smtp:2: QUIET 90s is outside");
        assertError("@case c\nTLS! now", "f.smtp:2: TLS! takes no argument");
        assertError("@case c\nC: EHLO ${who}\nS! 250", "f.smtp:2: unknown variable ${who}");
        assertError("@case c\nC: A\\q\nS! 250", "f.smtp:2: unknown escape \\q");
        assertError("@case c\nC~ A\\x4\nS! 250", "f.smtp:2: \\x needs two hex digits");
        assertError("@author me\n@case c\nS! 250", "f.smtp:1: unknown directive @author");
        assertError("@case c\n@needs STARTTLS?\nS! 250", "f.smtp:2: @needs takes EHLO keywords");
        assertError("@needs STARTTLS\n@case c\nS! 250", "f.smtp:1: @needs belongs to a case");
        assertError("@case c\nS! 250\n@quote late", "f.smtp:3: @quote is a header directive");
        assertError("@id X\nS: 220\nS! 250", "f.smtp:2: a step before the first @case");
        assertError("@id\n@case c\nS! 250", "f.smtp:1: @id needs a value");
        assertError("@case c\nS: 220\nC: QUIT\nS: 221", "f.smtp:1: the case has no verdict step");
        assertError("@case c\nS: 250 fail:5xx\nS! 250", "f.smtp:2: fail:5xx names the replies that break the requirement; "
                + "it belongs on the judged step (S!)");
        assertError("@case c\nS! 5xx fail:503", "f.smtp:2: reply 503 is both expected (5xx) and fail:503");
        assertError("@case c\nS! 503 fail:2xx fail:354", "f.smtp:2: one fail: per line");
        assertError("@case c\nS! 503 fail:", "f.smtp:2: '' is not a reply code");
        assertError("@case c\nS! 503|", "f.smtp:2: '503|' is not a reply code");
    }

    private static void assertError(String text, String messageStart) {
        assertThatThrownBy(() -> ScriptParser.parse("f.smtp", text))
                .isInstanceOf(ScriptParseException.class)
                .hasMessageStartingWith(messageStart);
    }
}
