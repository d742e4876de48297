package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.starttls.cases.Check;
import org.starttls.cases.ConformanceCase;
import org.starttls.requirements.Catalogue;
import org.starttls.requirements.FakeChecks;
import org.starttls.requirements.Requirement;
import org.starttls.script.ScriptParseException;
import org.starttls.script.ScriptParser;

/** Java checks are found on the classpath and bound to the requirement files that name them, checked both ways. */
class CheckLibraryTest {

    private static final String PATH = "requirements/server/rfc3207/4/RFC3207-4-INFO-STARTTLS-READY.smtp";
    private static final String FILE = """
            @id        RFC3207-4-INFO-STARTTLS-READY
            @role      server
            @section   The STARTTLS Command
            @profiles  require-tls offer-tls
            @quote     220 Ready to start TLS
            @title     STARTTLS is answered with 220
            @fix       Answer STARTTLS with 220 and start the TLS handshake; check the certificate files.
            @title.de  STARTTLS wird mit 220 beantwortet
            @fix.de    STARTTLS mit 220 beantworten und den TLS-Handshake beginnen; die Zertifikatsdateien prüfen.
            @check     %s
            """;

    @Test
    void everyRequirementOfTheShippedCatalogueHasCasesNamedAfterIt() {
        List<ConformanceCase> cases = CheckLibrary.cases();
        Set<String> covered = cases.stream().map(c -> c.requirement().id()).collect(Collectors.toSet());
        assertThat(Catalogue.all()).extracting(Requirement::id).allSatisfy(id -> assertThat(covered).contains(id));
        assertThat(cases).extracting(ConformanceCase::name).doesNotHaveDuplicates();
        assertThat(cases).allSatisfy(c -> assertThat(c.name()).startsWith(c.requirement().id()));
    }

    @Test
    void checksAreDiscoveredByTheirNestedClassNames() {
        assertThat(CheckLibrary.discover()).containsKeys("StartTlsCases.Ready", "BeforeTls.Refused530",
                "CertificateCheck", "ImplicitTls.HandshakeFirst");
    }

    @Test
    void aFileNamingAnUnknownCheckIsRefused() {
        assertThatThrownBy(() -> bind("Nonexistent.Check", Map.of("StartTlsCases.Ready", readyCheck())))
                .isInstanceOf(ScriptParseException.class)
                .hasMessageStartingWith(PATH + ":10: no Java check named Nonexistent.Check");
    }

    @Test
    void badArgumentsAreRefusedWithTheCheckSentence() {
        assertThatThrownBy(() -> bind("StartTlsCases.Ready extra", Map.of("StartTlsCases.Ready", readyCheck())))
                .isInstanceOf(ScriptParseException.class)
                .hasMessage(PATH + ":10: StartTlsCases.Ready: this check takes no arguments, found extra");
    }

    @Test
    void aCheckThatNoFileNamesIsRefused() {
        Map<String, Class<? extends Check>> checks = new HashMap<>(Map.of("StartTlsCases.Ready", readyCheck()));
        checks.put("Orphan", FakeChecks.Orphan.class);
        assertThatThrownBy(() -> bind("StartTlsCases.Ready", checks))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no requirement file names the Java check(s) [Orphan]");
    }

    @Test
    void aCheckThatClaimsAnotherRequirementIsRefused() {
        assertThatThrownBy(() -> bind("Impostor", Map.of("Impostor", FakeChecks.Impostor.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("check Impostor made a case for RFC3207-4-SHOULD-530 when asked for "
                        + "RFC3207-4-INFO-STARTTLS-READY");
    }

    private static List<ConformanceCase> bind(String checkLine, Map<String, Class<? extends Check>> checks) {
        return CheckLibrary.bind(Catalogue.of(List.of(ScriptParser.parse(PATH, FILE.formatted(checkLine)))), checks);
    }

    private static Class<? extends Check> readyCheck() {
        return CheckLibrary.discover().get("StartTlsCases.Ready");
    }

}
