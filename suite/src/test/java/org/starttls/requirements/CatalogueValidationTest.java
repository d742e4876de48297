package org.starttls.requirements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.starttls.script.ScriptParseException;
import org.starttls.script.ScriptParser;
import org.starttls.summary.Level;
import org.starttls.summary.Profile;
import org.starttls.summary.Role;

/** The requirement files' rules, each shown by a file that breaks it: the loader names the file, the line and the rule. */
class CatalogueValidationTest {

    private static final String PATH = "requirements/server/rfc3207/4.2/RFC3207-4.2-MUST-FORGET-ENVELOPE.smtp";
    private static final String GOOD = """
            @id        RFC3207-4.2-MUST-FORGET-ENVELOPE
            @role      server
            @section   Result of the STARTTLS Command
            @profiles  require-tls offer-tls
            @quote     The server MUST discard any knowledge obtained from the client
            @title     The envelope is forgotten
            @fix       Reset the session on a completed TLS handshake: forget EHLO, envelope and AUTH state.
            @title.de  Der Umschlag wird vergessen
            @fix.de    Nach dem TLS-Handshake die Sitzung zurücksetzen: EHLO, Umschlag und AUTH-Zustand vergessen.
            @case      RCPT right after the handshake gets 503
            S: 220
            C: EHLO ${helo}
            S! 250
            """;

    @Test
    void aWellFormedFileBecomesARequirement() {
        Requirement r = load(GOOD).requirements().get(0);
        assertThat(r.id()).isEqualTo("RFC3207-4.2-MUST-FORGET-ENVELOPE");
        assertThat(r.rfc()).isEqualTo(3207);
        assertThat(r.section()).isEqualTo("4.2");
        assertThat(r.level()).isEqualTo(Level.MUST);
        assertThat(r.role()).isEqualTo(Role.SERVER);
        assertThat(r.profiles()).containsExactlyInAnyOrder(Profile.REQUIRE_TLS, Profile.OFFER_TLS);
        assertThat(r.isDerived()).isFalse();
        assertThat(r.file()).isEqualTo(PATH);
    }

    @Test
    void everyRuleIsRefusedWithFileLineAndReason() {
        assertRefused(GOOD.replace("@role      server\n", ""), PATH + ":1: no @role line");
        assertRefused(GOOD.replace("@quote     The server MUST discard any knowledge obtained from the client\n", ""),
                PATH + ":1: no @quote line");
        assertRefused(GOOD.replace("The server MUST discard", "The server discards"),
                PATH + ":5: the level MUST in the id needs a quote with MUST or REQUIRED or SHALL");
        assertRefused(GOOD.replace("@role      server", "@role      bystander"), PATH + ":2: unknown role 'bystander'");
        assertRefused(GOOD.replace("require-tls offer-tls", "require-tls sometimes"), PATH + ":4: unknown profile 'sometimes'");
        assertRefused(GOOD.replace("-MUST-FORGET", "-MUSTY-FORGET"), PATH + ":1: requirement id 'RFC3207-4.2-MUSTY-FORGET-ENVELOPE' "
                + "does not follow");
        String misplaced = PATH.replace("rfc3207/4.2", "rfc3207/4.1");
        assertThatThrownBy(() -> Catalogue.of(List.of(ScriptParser.parse(misplaced, GOOD))))
                .hasMessage(misplaced + ":1: the file of RFC3207-4.2-MUST-FORGET-ENVELOPE belongs at " + PATH);
        assertRefused(GOOD.replace("Reset the session on a completed TLS handshake: forget EHLO, envelope and AUTH state.",
                "Fix it."), PATH + ":7: the fix hint says too little");
        assertRefused(GOOD.substring(0, GOOD.indexOf("@case")), PATH + ":1: RFC3207-4.2-MUST-FORGET-ENVELOPE has no check");
        assertRefused(GOOD + "@case      a second case without a name\nS! 220\n", PATH + ":10: with several cases each needs a name");
        assertRefused(GOOD.replace("@case      RCPT", "@case      A: RCPT") + "@case A: again\nS! 220\n",
                PATH + ":14: two cases are named A");
        assertRefused(GOOD + GOOD.substring(0, GOOD.indexOf("@role")), PATH + ":14: @id is a header directive");
        assertRefused(GOOD.replace("@title ", "@titel "), PATH + ":6: unknown directive @titel");
    }

    @Test
    void aRequirementIsDefinedOnce() {
        assertThatThrownBy(() -> Catalogue.of(List.of(ScriptParser.parse(PATH, GOOD), ScriptParser.parse(PATH, GOOD))))
                .isInstanceOf(ScriptParseException.class).hasMessage(PATH + ":1: requirement "
                        + "RFC3207-4.2-MUST-FORGET-ENVELOPE is defined twice");
    }

    /** The shipped catalogue: every file loads, the ids are unique, and the file of each sits where its id says. */
    @Test
    void theShippedCatalogueLoads() {
        List<Requirement> all = Catalogue.all();
        assertThat(all).isNotEmpty();
        Map<String, Requirement> byFile = all.stream().collect(Collectors.toMap(Requirement::file, Function.identity()));
        assertThat(byFile).hasSameSizeAs(all);
        assertThat(all).allSatisfy(r -> assertThat(r.file()).endsWith("/" + r.id() + ".smtp"));
    }

    private static Catalogue load(String text) {
        return Catalogue.of(List.of(ScriptParser.parse(PATH, text)));
    }

    private static void assertRefused(String text, String messageStart) {
        assertThatThrownBy(() -> load(text))
                .isInstanceOf(ScriptParseException.class)
                .hasMessageStartingWith(messageStart);
    }
}
