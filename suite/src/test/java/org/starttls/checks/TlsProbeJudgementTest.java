package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.starttls.checks.Judged.details;
import static org.starttls.checks.Judged.result;

import io.netty.channel.ChannelPipeline;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * Issue 12, class 4: a close is a refusal of the offer only when the same run shows a modern handshake succeeding on
 * that target; a protocol_version alert to the TLS 1.2 probe is a refusal of TLS 1.2 in any case.
 */
class TlsProbeJudgementTest {

    private static final List<String> PROBES = List.of("RFC8996-4-MUSTNOT-TLS10", "RFC8996-5-MUSTNOT-TLS11",
            "RFC9325-4.1-SHOULDNOT-3DES-SUITES", "RFC8314-5-INFO-ANON-SUITES", "RFC9325-4.1-MUSTNOT-NULL-SUITES",
            "RFC9325-4.1-MUSTNOT-EXPORT-SUITES", "RFC7465-2-MUST-REFUSE-RC4", "RFC9325-3.1.1-MUST-TLS12",
            "RFC9325-3.1.1-SHOULD-TLS13");

    @Test
    void aServerThatClosesOnEveryClientHelloIsNotSaidToRefuseOrAcceptAnything() {
        Summary.TargetSummary target = Judged.variant(Variant.CLOSE_ON_CLIENT_HELLO, Profile.REQUIRE_TLS,
                String.join(",", PROBES), Account.NONE);

        for (String id : PROBES) {
            assertThat(result(target, id).verdict()).as(id + ": " + result(target, id).detail())
                    .isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(details(target, id)).as(id).contains("no TLS handshake with this target succeeded");
        }
    }

    /** The same for the CVE-2011-0411 probe: a close after STARTTLS with pipelined data is safe only if TLS works. */
    @Test
    void aCloseAfterPipelinedStartTlsIsNoProofWhenNoHandshakeEverSucceeds() {
        String id = "RFC3207-4.2-MUST-DISCARD-PIPELINED-PLAINTEXT";
        Summary.TargetSummary target = Judged.variant(Variant.CLOSE_ON_CLIENT_HELLO, Profile.REQUIRE_TLS, id, Account.NONE);

        assertThat(result(target, id).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(details(target, id)).contains("no TLS handshake with this target succeeded");
    }

    @Test
    void aProtocolVersionAlertToTheTls12ProbeFailsTheTls12Rule() {
        Summary.TargetSummary target = Judged.variant(Variant.TLS12_REFUSED, Profile.REQUIRE_TLS,
                "RFC9325-3.1.1-MUST-TLS12", Account.NONE);

        assertThat(result(target, "RFC9325-3.1.1-MUST-TLS12").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result(target, "RFC9325-3.1.1-MUST-TLS12").detail()).contains("protocol_version");
    }

    /**
     * A server whose only TLS 1.2 suite is one the probe does not offer answers the TLS 1.2 ClientHello with
     * handshake_failure: no proof that TLS 1.2 is off, so no FAIL of the MUST.
     */
    @Test
    void aHandshakeFailureToTheTls12ProbeIsNoProofThatTls12IsRefused() {
        String id = "RFC9325-3.1.1-MUST-TLS12";
        Behaviour oneUnofferedTls12Suite = new Behaviour() {
            @Override
            protected void beginTls(ChannelPipeline pipeline, SSLEngine engine) {
                engine.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256",
                        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"});
                super.beginTls(pipeline, engine);
            }
        };
        Summary.TargetSummary target = Judged.server(ServerOptions.builder(Judged.pki().server())
                .mode(ServerOptions.Mode.REQUIRE_TLS).behaviour(oneUnofferedTls12Suite).build(), Profile.REQUIRE_TLS, id,
                Account.NONE);

        assertThat(result(target, id).verdict()).as(result(target, id).detail()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result(target, id).detail()).contains("handshake_failure", "only a protocol_version alert proves");
    }
}
