package org.starttls.tls;

import java.util.List;
import java.util.Objects;

/**
 * What one probe connection offers in its ClientHello and how far it goes.
 *
 * @param versions     the only protocol versions offered, e.g. {@code [TLSv1]}
 * @param cipherSuites the only suites offered, as IANA numbers; empty = a broad modern and legacy list
 * @param sendSni      whether to send the expected server name as SNI (only DNS names are ever sent)
 * @param untilCertificate false: stop at the ServerHello (the server's choice is all a probe needs);
 *                     true: go on until the server's certificate chain has arrived
 */
public record ProbeOffer(List<TlsVersion> versions, List<Integer> cipherSuites, boolean sendSni, boolean untilCertificate) {

    public ProbeOffer {
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a probe must offer at least one protocol version");
        }
    }

    /** Offers only {@code version}, with the broad suite list, SNI as configured, stopping at the ServerHello. */
    public static ProbeOffer version(TlsVersion version) {
        return new ProbeOffer(List.of(version), List.of(), true, false);
    }

    /** Offers only {@code suites}, under TLS 1.0 to 1.2 (the versions those suites exist in). */
    public static ProbeOffer suites(List<Integer> suites) {
        Objects.requireNonNull(suites);
        return new ProbeOffer(List.of(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1, TlsVersion.TLS_1_2), suites, true, false);
    }

    /** A full offer without SNI that waits for the certificate: what does the server present to a client without SNI? */
    public static ProbeOffer withoutSni() {
        return new ProbeOffer(List.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3), List.of(), false, true);
    }
}
