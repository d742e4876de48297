package org.starttls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSettingsTest {

    @Test
    void hasTheDocumentedDefaults() {
        assertThat(ClientSettings.defaults()).isEqualTo(new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(5),
                List.of(), new TrustConfig.SystemDefault(), 4096, 100));
    }

    @Test
    void rejectsLimitsThatWouldBreakConformingServers() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientSettings(Duration.ofSeconds(1),
                Duration.ofSeconds(1), List.of(), TrustConfig.any(), 511, 100)).withMessageContaining("512");
        assertThatIllegalArgumentException().isThrownBy(() -> ClientSettings.defaults().withReplyTimeout(Duration.ZERO))
                .withMessage("reply timeout must be positive, not PT0S");
    }

    @Test
    void parsesTheTrustSetting(@TempDir Path dir) throws IOException {
        Path pem = TestPki.selfSigned("ca.test").writePem(dir.resolve("ca.pem"));

        assertThat(TrustConfig.parse("any")).isEqualTo(TrustConfig.any());
        assertThat(TrustConfig.parse(" SYSTEM ")).isEqualTo(TrustConfig.system());
        assertThat(TrustConfig.parse(pem.toString()).describe()).isEqualTo("trust=" + pem);
    }

    @Test
    void explainsAnUnusableTrustSetting(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "no certificates here\n");

        assertThatIllegalArgumentException().isThrownBy(() -> TrustConfig.parse(empty.toString()))
                .withMessage("cannot read trust anchors from '" + empty + "': no CERTIFICATE block in " + empty);
        assertThatIllegalArgumentException().isThrownBy(() -> TrustConfig.parse(dir.resolve("missing.pem").toString()))
                .withMessageStartingWith("cannot read trust anchors from");
        assertThatIllegalArgumentException().isThrownBy(() -> TrustConfig.parse(""))
                .withMessage("empty trust setting, expected 'system', 'any' or a PEM file");
    }
}
