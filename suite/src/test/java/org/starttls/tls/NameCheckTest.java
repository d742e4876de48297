package org.starttls.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
        assertThat(NameCheck.check(List.of("mx.example.org."), cert).matches()).isTrue();
    }

    @Test
    void theCommonNameAloneIsReportedButNeverAccepted() {
        CertificateFacts cert = certificate(CertificateSpec.named("mx.example.org").dnsNames("other.example.org"));
        NameCheck.Result result = NameCheck.check(List.of("mx.example.org"), cert);
        assertThat(result.matches()).isFalse();
        assertThat(result.explanation()).contains("only the subject CN mx.example.org matches");
    }

    @Test
    void anIpLiteralMatchesOnlyAnIpSubjectAltName() {
        CertificateFacts cert = certificate(CertificateSpec.localhost());
        assertThat(NameCheck.check(List.of("127.0.0.1"), cert).matches()).isTrue();
        assertThat(NameCheck.check(List.of("[::1]"), cert).matches()).isTrue();
        assertThat(NameCheck.check(List.of("192.0.2.1"), cert).matches()).isFalse();
        assertThat(NameCheck.check(List.of("127.0.0.1"), certificate(CertificateSpec.named("127.0.0.1"))).matches())
                .as("a DNS entry spelled like an address is not an IP subjectAltName").isFalse();
    }

    /** An address that is the MX of two domains may carry either MX name; a miss names every name tried. */
    @Test
    void anyOfTheAcceptedNamesMatches() {
        CertificateFacts cert = certificate(CertificateSpec.named("mx2.one.test").dnsNames("mx2.one.test"));
        NameCheck.Result second = NameCheck.check(List.of("mx.shared.test", "mx2.one.test"), cert);
        assertThat(second.matches()).isTrue();
        assertThat(second.explanation()).isEqualTo("DNS subjectAltName mx2.one.test matches mx2.one.test");
        NameCheck.Result none = NameCheck.check(List.of("mx.shared.test", "mx.other.test"), cert);
        assertThat(none.matches()).isFalse();
        assertThat(none.explanation()).contains("matches mx.shared.test", "matches mx.other.test");
    }
}
