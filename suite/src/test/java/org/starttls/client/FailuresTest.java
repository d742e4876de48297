package org.starttls.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void decodesTheHexDumpOfNonTlsData() {
        NotSslRecordException plaintext = new NotSslRecordException("not an SSL/TLS record: 3232300d0a");

        assertThat(Failures.describe(plaintext)).isEqualTo("server sent data that is not TLS: '220\\r\\n'");
        assertThat(Failures.handshakeFailure(plaintext, Duration.ofSeconds(5)))
                .isEqualTo("server sent plaintext instead of a TLS ServerHello: '220\\r\\n'");
    }

    @Test
    void namesTheRootCauseOfOtherFailures() {
        SSLHandshakeException alert = new SSLHandshakeException("Received fatal alert: handshake_failure");

        assertThat(Failures.handshakeFailure(alert, Duration.ofSeconds(5)))
                .isEqualTo("TLS handshake failed: Received fatal alert: handshake_failure");
        assertThat(Failures.describe(new IOException("wrapped", new IOException("Connection reset by peer"))))
                .isEqualTo("Connection reset by peer");
        assertThat(Failures.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
