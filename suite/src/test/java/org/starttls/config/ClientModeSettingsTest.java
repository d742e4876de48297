package org.starttls.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.starttls.fixtures.realclients.Launch;
import org.starttls.summary.Profile;

/** The client-mode settings: a client under test, its profile and time bound, and every mix with server settings refused. */
class ClientModeSettingsTest {

    @Test
    void aCommandMakesAClientModeRun() {
        SuiteConfig config = SuiteConfig.from(Map.of("smtp.client.command", "swaks --server {host}",
                "smtp.client.profile", "opportunistic", "smtp.client.timeout", "20s"));
        assertThat(config.client()).hasValueSatisfying(client -> {
            assertThat(client.name()).isEqualTo("swaks --server {host}");
            assertThat(client.launch()).isEqualTo(new Launch.Command("swaks --server {host}"));
            assertThat(client.profile()).isEqualTo(Profile.OPPORTUNISTIC);
            assertThat(client.timeout()).isEqualTo(Duration.ofSeconds(20));
        });
        assertThat(config.effectiveProfile()).isEqualTo(Profile.OPPORTUNISTIC);
        assertThat(SuiteConfig.from(Map.of()).client()).isEmpty();
    }

    @Test
    void eachProfileBelongsToItsRole() {
        assertThatThrownBy(() -> SuiteConfig.from(Map.of("smtp.profile", "opportunistic")))
                .hasMessageContaining("profile for a client");
        assertThatThrownBy(() -> SuiteConfig.from(Map.of("smtp.client.command", "true", "smtp.client.profile", "offer-tls")))
                .hasMessageContaining("smtp.client.profile").hasMessageContaining("profile for a server");
    }

    @Test
    void mixedOrIncompleteSettingsAreRefused() {
        assertThatThrownBy(() -> SuiteConfig.from(Map.of("smtp.client.command", "true", "smtp.target", "mail.example:25")))
                .hasMessageContaining("smtp.target").hasMessageContaining("plays the server");
        assertThatThrownBy(() -> SuiteConfig.from(Map.of("smtp.client.profile", "require-tls")))
                .hasMessageContaining("only read in client mode");
        assertThatThrownBy(() -> SuiteConfig.from(Map.of("smtp.client.command", "true", "smtp.client.driver", "x.Y")))
                .hasMessageContaining("give one of them");
        assertThatThrownBy(() -> SuiteConfig.from(Map.of("smtp.client.driver", "no.such.Driver")))
                .hasMessageContaining("not a class on the class path");
    }
}
