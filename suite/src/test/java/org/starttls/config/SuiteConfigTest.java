package org.starttls.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.starttls.client.Target;
import org.starttls.summary.Gate;
import org.starttls.summary.Profile;
import org.starttls.targets.PlannedTarget;

class SuiteConfigTest {

    @Test
    void defaultsFollowTheDesign() {
        SuiteConfig c = SuiteConfig.from(Map.of());
        assertThat(c.embedded()).isTrue();
        assertThat(c.profile()).isEqualTo(Profile.REQUIRE_TLS);
        assertThat(c.trust()).isEqualTo("system");
        assertThat(c.helo()).isEqualTo("conformance.invalid");
        assertThat(c.gate()).isEqualTo(Gate.MUST);
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void readsEveryProperty() {
        SuiteConfig c = SuiteConfig.from(Map.of("smtp.target", "127.0.0.1:2525, [::1]:25", "smtp.profile", "offer-tls",
                "smtp.tls.trust", "ANY", "smtp.gate", "should", "smtp.select", "RFC3207-4.2-*, RFC3207-3-*",
                "smtp.timeout", "800ms", "smtp.concurrency", "2", "smtp.helo", "client.example.org"));
        assertThat(c.targets().listed()).extracting(PlannedTarget::target).containsExactly(new Target("127.0.0.1", 2525), new Target("::1", 25));
        assertThat(c.profile()).isEqualTo(Profile.OFFER_TLS);
        assertThat(c.trust()).isEqualTo("any");
        assertThat(c.gate()).isEqualTo(Gate.SHOULD);
        assertThat(c.timeout()).isEqualTo(Duration.ofMillis(800));
        assertThat(c.selects("RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS")).isTrue();
        assertThat(c.selects("RFC3207-4-SHOULD-530")).isFalse();
    }

    @Test
    void refusesBadValuesWithOneSentence() {
        assertRefused(Map.of("smtp.gate", "MAYBE"), "smtp.gate: unknown gate 'MAYBE'; write MUST");
        assertRefused(Map.of("smtp.profile", "strict"), "smtp.profile: unknown profile 'strict'; write one of require-tls, offer-tls, implicit-tls");
        assertRefused(Map.of("smtp.target", "mail.example.org"), "smtp.target:");
        assertRefused(Map.of("smtp.target", "127.0.0.1:70000"), "smtp.target:");
        assertRefused(Map.of("smtp.target", "127.0.0.1:25,127.0.0.1:25"), "smtp.target='127.0.0.1:25,127.0.0.1:25' names the same server twice");
        assertRefused(Map.of("smtp.tls.trust", "/nonexistent/ca.pem"), "smtp.tls.trust='/nonexistent/ca.pem' is not a file");
        assertRefused(Map.of("smtp.timeout", "soon"), "smtp.timeout='soon' is not a duration");
        assertRefused(Map.of("smtp.timeout", "1h"), "smtp.timeout='1h' is not a duration");
        assertRefused(Map.of("smtp.concurrency", "0"), "smtp.concurrency='0' must be a whole number from 1 to 50");
        assertRefused(Map.of("smtp.targt", "x"), "unknown property smtp.targt; the suite reads");
        assertRefused(Map.of("smtp.helo", "bad helo"), "smtp.helo='bad helo' is not a domain");
    }

    private static void assertRefused(Map<String, String> props, String start) {
        assertThatThrownBy(() -> SuiteConfig.from(props)).isInstanceOf(ConfigException.class).hasMessageStartingWith(start);
    }

    @Test
    void tlsStrictIsABooleanAndOffByDefault() {
        assertThat(SuiteConfig.from(Map.of()).tlsStrict()).isFalse();
        assertThat(SuiteConfig.from(Map.of("smtp.tls.strict", "true")).tlsStrict()).isTrue();
        assertThatThrownBy(() -> SuiteConfig.from(Map.of("smtp.tls.strict", "yes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("smtp.tls.strict='yes'");
    }

    /** A run whose settings are refused still writes its summary where the gate reads it, never leaving an old one. */
    @Test
    void reportDirIsKnownEvenWhenTheRestIsRefused() {
        System.setProperty("smtp.report.dir", "/tmp/reports-of-a-refused-run");
        System.setProperty("smtp.gate", "MAYBE");
        try {
            assertThat(SuiteConfig.reportDir(SuiteConfig.settingsFromEnvironment())).isEqualTo(java.nio.file.Path.of("/tmp/reports-of-a-refused-run"));
            assertThatThrownBy(() -> SuiteConfig.from(SuiteConfig.settingsFromEnvironment())).isInstanceOf(ConfigException.class);
        } finally {
            System.clearProperty("smtp.report.dir");
            System.clearProperty("smtp.gate");
        }
    }
}
