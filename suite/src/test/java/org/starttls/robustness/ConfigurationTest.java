package org.starttls.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.starttls.config.ConfigException;
import org.starttls.config.SuiteConfig;
import org.starttls.requirements.Catalogue;

/**
 * Every bad configuration is refused before any connection, with one sentence that names what is wrong and what to
 * write instead.
 */
class ConfigurationTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> mistakes() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        Path noCert = Files.writeString(dir.resolve("key-only.pem"), "just some text, no PEM block\n");
        return Stream.of(
                Arguments.of("unknown profile", Map.of("smtp.profile", "strict"), "unknown profile 'strict'; write one of"),
                Arguments.of("unknown gate", Map.of("smtp.gate", "MAYBE"), "unknown gate 'MAYBE'; write MUST"),
                Arguments.of("unknown property", Map.of("smtp.timout", "5s"), "unknown property smtp.timout; the suite reads"),
                Arguments.of("target without port", Map.of("smtp.target", "mail.example.org"), "missing port in target"),
                Arguments.of("target port not a number", Map.of("smtp.target", "mail.example.org:smtp"), "port 'smtp' in target"),
                Arguments.of("target port out of range", Map.of("smtp.target", "127.0.0.1:70000"), "port 70000 in target"),
                Arguments.of("target port zero", Map.of("smtp.target", "127.0.0.1:0"), "port 0 in target"),
                Arguments.of("IPv6 target without brackets", Map.of("smtp.target", "::1:25"), "IPv6 address in target"),
                Arguments.of("empty target list", Map.of("smtp.target", " , "), "names no server; write host:port"),
                Arguments.of("missing trust file", Map.of("smtp.tls.trust", "/nonexistent/ca.pem"), "is not a file"),
                Arguments.of("unparsable PEM", Map.of("smtp.tls.trust", garbage.toString()), "smtp.tls.trust: cannot read trust anchors"),
                Arguments.of("PEM without a certificate", Map.of("smtp.tls.trust", noCert.toString()), "no CERTIFICATE block"),
                Arguments.of("bad timeout", Map.of("smtp.timeout", "soon"), "smtp.timeout='soon' is not a duration; write"),
                Arguments.of("timeout too short", Map.of("smtp.timeout", "1ms"), "smtp.timeout='1ms' is outside 50ms..600s"),
                Arguments.of("bad concurrency", Map.of("smtp.concurrency", "many"), "smtp.concurrency='many' must be a whole number"),
                Arguments.of("bad retry pause", Map.of("smtp.retry.421", "later"), "smtp.retry.421='later' is not a duration"),
                Arguments.of("retry pause too long", Map.of("smtp.retry.421", "600s"), "smtp.retry.421='600s' is longer than 5 minutes"),
                Arguments.of("user without password", Map.of("smtp.auth.user", "alice"), "smtp.auth.user and smtp.auth.password go together"),
                Arguments.of("password without user", Map.of("smtp.auth.password", "pw"), "smtp.auth.user and smtp.auth.password go together"),
                Arguments.of("password with a line break", Map.of("smtp.auth.user", "alice", "smtp.auth.password", "pw\r\nQUIT"),
                        "smtp.auth.user or smtp.auth.password contains a control character"),
                Arguments.of("credentials with trust=any", Map.of("smtp.auth.user", "alice", "smtp.auth.password", "pw",
                        "smtp.tls.trust", "any"), "smtp.auth.* with smtp.tls.trust=any would send the password"),
                Arguments.of("strict certificates with trust=any", Map.of("smtp.tls.strict", "true", "smtp.tls.trust", "any"),
                        "smtp.tls.strict=true judges certificates, which smtp.tls.trust=any does not check"),
                Arguments.of("bad helo", Map.of("smtp.helo", "two words"), "smtp.helo='two words' is not a domain"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void isRefusedInOneSentence(String mistake, Map<String, String> properties, String expected) {
        assertThatThrownBy(() -> SuiteConfig.from(properties)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
    }

    @Test
    void anUnreadableTrustFileIsNamed() throws Exception {
        Path pem = Files.writeString(dir.resolve("unreadable.pem"), "x");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(pem), "running as root: every file is readable");
        assertThatThrownBy(() -> SuiteConfig.from(Map.of("smtp.tls.trust", pem.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be read; check its permissions");
    }

    @Test
    void aSelectionThatMatchesNothingIsRefused() {
        SuiteConfig config = SuiteConfig.from(Map.of("smtp.select", "RFC9999-*"));
        assertThatThrownBy(() -> config.checkSelection(List.of())).isInstanceOf(ConfigException.class)
                .hasMessage("smtp.select=RFC9999-* matches no requirement id; write a glob such as RFC3207-4.2-* "
                        + "(see CATALOGUE.md)");
    }

    @Test
    void implicitTlsWithOnlyStartTlsRequirementsSelectedIsRefused() {
        SuiteConfig config = SuiteConfig.from(Map.of("smtp.profile", "implicit-tls", "smtp.select", "RFC3207-4.2-*"));
        assertThatThrownBy(() -> config.checkSelection(List.of(Catalogue.byId("RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("smtp.select=RFC3207-4.2-* matches only requirements that do not apply to smtp.profile=implicit-tls; "
                        + "select ids of that profile or change the profile");
    }

    @Test
    void credentialsAndRetryAreReadAndNeverShown() {
        Map<String, String> props = new HashMap<>(Map.of("smtp.auth.user", "alice", "smtp.auth.password", " pass word ",
                "smtp.retry.421", "30s"));
        SuiteConfig config = SuiteConfig.from(props);
        assertThat(config.credentials()).hasValueSatisfying(c -> assertThat(c.password()).isEqualTo(" pass word "));
        assertThat(config.retry421()).contains(Duration.ofSeconds(30));
        assertThat(config.toString()).doesNotContain("pass word").doesNotContain("alice");
    }
}
