package org.starttls.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.starttls.cases.CaseContext;
import org.starttls.cases.TargetFacts;
import org.starttls.client.ClientSettings;
import org.starttls.client.SmtpClient;
import org.starttls.client.Target;
import org.starttls.client.TrustConfig;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.summary.Profile;

class TlsProberTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static TestPki pki;
    private static SmtpClient client;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create();
        client = new SmtpClient(ClientSettings.defaults().withTrust(TrustConfig.anchors(List.of(pki.caCertificate())))
                .withServerNames(List.of("localhost")));
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    static CaseContext context(ReferenceServer server, Profile profile) {
        TargetFacts none = new TargetFacts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true, "");
        return new CaseContext(client, Target.parse(server.target()), profile, none, Map.of("helo", "probe.invalid"), TIMEOUT);
    }

    @Test
    void referenceServerAcceptsOnlyTls12And13AfterStartTls() {
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.builder(pki.server()).build())) {
            CaseContext context = context(server, Profile.REQUIRE_TLS);
            assertThat(TlsProber.probe(context, ProbeOffer.version(TlsVersion.TLS_1_0)).result()).isEqualTo(ProbeOutcome.Result.REFUSED);
            assertThat(TlsProber.probe(context, ProbeOffer.version(TlsVersion.TLS_1_1)).result()).isEqualTo(ProbeOutcome.Result.REFUSED);
            ProbeOutcome tls12 = TlsProber.probe(context, ProbeOffer.version(TlsVersion.TLS_1_2));
            assertThat(tls12.version()).contains(TlsVersion.TLS_1_2);
            ProbeOutcome tls13 = TlsProber.probe(context, ProbeOffer.version(TlsVersion.TLS_1_3));
            assertThat(tls13.version()).as(tls13.transcript()).contains(TlsVersion.TLS_1_3);
        }
    }

    @Test
    void implicitTlsProbeStartsWithTheClientHello() {
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.builder(pki.server())
                .mode(ServerOptions.Mode.IMPLICIT_TLS).build())) {
            ProbeOutcome outcome = TlsProber.probe(context(server, Profile.IMPLICIT_TLS), ProbeOffer.version(TlsVersion.TLS_1_3));
            assertThat(outcome.accepted()).as(outcome.detail()).isTrue();
        }
    }

    @Test
    void probeWithoutSniWaitsForTheCertificate() {
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.builder(pki.server()).build())) {
            ProbeOutcome outcome = TlsProber.probe(context(server, Profile.REQUIRE_TLS), ProbeOffer.withoutSni());
            assertThat(outcome.chain()).as(outcome.detail()).isNotEmpty();
            assertThat(outcome.chain().get(0)).isEqualTo(pki.server().leaf());
        }
    }
}
