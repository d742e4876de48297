package org.starttls.checks.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.starttls.client.TlsFacts;
import org.starttls.tls.ProbeOutcome.Result;
import org.starttls.tls.ProbeOutcome;

/** When a refused or closed probe proves a refusal of its offer (issue 12, class 4). */
class ProbeJudgementTest {

    private static final Optional<TlsFacts> MODERN = Optional.of(new TlsFacts("TLSv1.3", "TLS_AES_128_GCM_SHA256",
            List.of(), Optional.empty(), Optional.empty()));

    private static ProbeOutcome outcome(Result result, Optional<String> alert) {
        return new ProbeOutcome(result, Optional.empty(), Optional.empty(), List.of(), alert, "what happened", "");
    }

    @Test
    void aCloseIsARefusalOnlyWhenAModernHandshakeSucceededInTheRun() {
        ProbeOutcome closed = outcome(Result.CLOSED, Optional.empty());
        assertThat(ProbeJudgement.of(closed, MODERN).result()).isEqualTo(Result.REFUSED);
        assertThat(ProbeJudgement.of(closed, Optional.empty()).result()).isEqualTo(Result.UNKNOWN);
    }

    @Test
    void anAlertOtherThanProtocolVersionNeedsTheModernHandshakeToo() {
        ProbeOutcome failure = outcome(Result.REFUSED, Optional.of("handshake_failure(40)"));
        assertThat(ProbeJudgement.of(failure, MODERN).result()).isEqualTo(Result.REFUSED);
        assertThat(ProbeJudgement.of(failure, Optional.empty()).result()).isEqualTo(Result.UNKNOWN);
    }

    @Test
    void aProtocolVersionAlertIsARefusalOfTheOfferedVersionsInAnyCase() {
        ProbeOutcome version = outcome(Result.REFUSED, Optional.of("protocol_version(70)"));
        assertThat(ProbeJudgement.of(version, Optional.empty()).result()).isEqualTo(Result.REFUSED);
        assertThat(ProbeJudgement.of(version, MODERN).result()).isEqualTo(Result.REFUSED);
    }

    @Test
    void acceptanceAndUnknownStandAsTheyAre() {
        assertThat(ProbeJudgement.of(outcome(Result.ACCEPTED, Optional.empty()), Optional.empty()).result())
                .isEqualTo(Result.ACCEPTED);
        assertThat(ProbeJudgement.of(outcome(Result.UNKNOWN, Optional.empty()), MODERN).result()).isEqualTo(Result.UNKNOWN);
    }
}
