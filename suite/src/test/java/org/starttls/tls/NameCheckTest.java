package org.starttls.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.starttls.fixtures.pki.CertificateSpec;
import org.starttls.fixtures.pki.TestPki;

class NameCheckTest {

    private static final TestPki PKI = TestPki.create();

    private static CertificateFacts certificate(CertificateSpec spec) {
        return CertificateFacts.of(PKI.issue(spec).leaf());
    }

    @Test
    void wildcardStandsForExactlyOneWholeLeftMostLabel() {
        assertThat(NameCheck.dnsMatches("mx.example.org", "*.example.org")).isTrue();
        assertThat(NameCheck.dnsMatches("a.mx.example.org", "*.example.org")).isFalse();
        assertThat(NameCheck.dnsMatches("example.org", "*.example.org")).isFalse();
        assertThat(NameCheck.dnsMatches("mx.example.org", "m*.example.org")).isFalse();
        assertThat(NameCheck.dnsMatches("mx.example.org", "mx.*.org")).isFalse();
        assertThat(NameCheck.dnsMatches("example.org", "*.org")).isFalse();
    }

    @Test
    void dnsNamesMatchSubjectAltNamesCaseInsensitivelyAndIgnoreTheTrailingDot() {
        CertificateFacts cert = certificate(CertificateSpec.named("mx.example.org").dnsNames("MX.Example.org"));
        assertThat(NameCheck.check("mx.example.org.", cert).matches()).isTrue();
    }

    @Test
    void theCommonNameAloneIsReportedButNeverAccepted() {
        CertificateFacts cert = certificate(CertificateSpec.named("mx.example.org").dnsNames("other.example.org"));
        NameCheck.Result result = NameCheck.check("mx.example.org", cert);
        assertThat(result.matches()).isFalse();
        assertThat(result.explanation()).contains("only the subject CN mx.example.org matches");
    }

    @Test
    void anIpLiteralMatchesOnlyAnIpSubjectAltName() {
        CertificateFacts cert = certificate(CertificateSpec.localhost());
        assertThat(NameCheck.check("127.0.0.1", cert).matches()).isTrue();
        assertThat(NameCheck.check("[::1]", cert).matches()).isTrue();
        assertThat(NameCheck.check("192.0.2.1", cert).matches()).isFalse();
        assertThat(NameCheck.check("127.0.0.1", certificate(CertificateSpec.named("127.0.0.1"))).matches())
                .as("a DNS entry spelled like an address is not an IP subjectAltName").isFalse();
    }
}
