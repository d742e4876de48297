package org.starttls.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScriptParserTest {

    private static final String GOOD = """
            # Server must not advertise STARTTLS again once TLS is active
            @id     RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS
            @quote  A server MUST NOT return the STARTTLS extension
            @needs  PIPELINING tls:AUTH
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
    void readsEveryStepKind() {
        Script s = ScriptParser.parse("scenarios/x/REOFFER.smtp", GOOD);
        assertThat(s.name()).isEqualTo("REOFFER");
        assertThat(s.requirementId()).isEqualTo("RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS");
        assertThat(s.description()).isEqualTo("Server must not advertise STARTTLS again once TLS is active");
        assertThat(s.needsClear()).containsExactly("PIPELINING");
        assertThat(s.needsTls()).containsExactly("AUTH");
        assertThat(s.steps()).hasSize(12);
        assertThat(s.steps().get(3)).isEqualTo(new Step.Send(8, "C~ STARTTLS\\r\\nNOOP\\r\\n", "STARTTLS\\r\\nNOOP\\r\\n", true));
        assertThat(s.steps().get(5)).isInstanceOf(Step.StartTls.class).matches(step -> !step.verdict());
        assertThat(s.steps().get(6)).isEqualTo(new Step.Quiet(11, "QUIET! 1.5s", Duration.ofMillis(1500), true));
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
    void codeClassesMatchByFirstDigit() {
        Expectation.Code c = new Expectation.Code(java.util.List.of("4xx", "5xx"));
        assertThat(c.matches(454)).isTrue();
        assertThat(c.matches(503)).isTrue();
        assertThat(c.matches(250)).isFalse();
    }

    @Test
    void unescapesBytes() {
        assertThat(ScriptParser.unescape("A\\r\\n\\x00\\\\")).containsExactly('A', '\r', '\n', 0, '\\');
    }

    @Test
    void namesFileLineAndReasonForEveryMistake() {
        assertError("@id X\nS: 220\nX: nonsense\nS! 250", "f.smtp:3: cannot read 'X: nonsense'");
        assertError("@id X\nS: 2500\nS! 250", "f.smtp:2: '2500' is not a reply code");
        assertError("@id X\nS: 600\nS! 250", "f.smtp:2: '600' is not a reply code");
        assertError("@id X\nS: 250 bogus\nS! 250", "f.smtp:2: cannot read 'bogus' in S:");
        assertError("@id X\nS: 250 /(unclosed/\nS! 250", "f.smtp:2: bad regular expression");
        assertError("@id X\nQUIET! forever", "f.smtp:2: QUIET needs a duration");
        assertError("@id X\nQUIET! 90s", "f.smtp:2: QUIET 90s is outside");
        assertError("@id X\nTLS! now", "f.smtp:2: TLS! takes no argument");
        assertError("@id X\nC: EHLO ${who}\nS! 250", "f.smtp:2: unknown variable ${who}");
        assertError("@id X\nC: A\\q\nS! 250", "f.smtp:2: unknown escape \\q");
        assertError("@id X\nC~ A\\x4\nS! 250", "f.smtp:2: \\x needs two hex digits");
        assertError("@id X\n@id Y\nS! 250", "f.smtp:2: @id given twice");
        assertError("@author me\n@id X\nS! 250", "f.smtp:1: unknown directive @author");
        assertError("@id X\n@needs STARTTLS?\nS! 250", "f.smtp:2: @needs takes EHLO keywords");
        assertError("S: 220\nS! 250", "f.smtp:1: no @id line");
        assertError("@id X\nS: 220\nC: QUIT\nS: 221", "f.smtp:4: no verdict step");
    }

    @Test
    void unknownRequirementIdIsAnError() {
        Script s = ScriptParser.parse("scenarios/f.smtp", "# x\n@id RFC3207-9-MUST-NOTHING\nS! 220");
        assertThatThrownBy(() -> ScenarioLibrary.bind(s, java.util.Optional.empty()))
                .isInstanceOf(ScriptParseException.class)
                .hasMessage("scenarios/f.smtp:2: unknown requirement id 'RFC3207-9-MUST-NOTHING'; add it to "
                        + "org.starttls.catalogue.Catalogue or fix the spelling");
    }

    @Test
    void quoteMustBeTheCataloguesWording() {
        Script s = ScriptParser.parse("f.smtp", "@id RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS\n@quote servers may re-offer STARTTLS\nS! 220");
        assertThatThrownBy(() -> ScenarioLibrary.bind(s, java.util.Optional.empty()))
                .hasMessageStartingWith("f.smtp:2: @quote 'servers may re-offer STARTTLS' is not in the catalogue's quote");
    }

    private static void assertError(String text, String messageStart) {
        assertThatThrownBy(() -> ScriptParser.parse("f.smtp", text))
                .isInstanceOf(ScriptParseException.class)
                .hasMessageStartingWith(messageStart);
    }
}
