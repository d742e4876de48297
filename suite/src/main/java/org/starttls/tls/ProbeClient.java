package org.starttls.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A Bouncy Castle TLS client (the low-level protocol API, not JSSE) that offers exactly what a {@link ProbeOffer}
 * says and records the server's choices. It is independent of {@code jdk.tls.disabledAlgorithms}, which the JDK and
 * BCJSSE both apply, so it can still offer TLS 1.0 and the suites every JSSE provider refuses to send. It never
 * judges the certificate: the probes only ask what the server chooses.
 */
final class ProbeClient extends DefaultTlsClient {

    private final ProbeOffer offer;
    private final Optional<String> sniName;
    private volatile ProtocolVersion serverVersion;
    private volatile int selectedSuite = -1;
    private volatile List<X509Certificate> chain = List.of();
    private volatile String alert;

    ProbeClient(ProbeOffer offer, Optional<String> sniName) {
        super(new BcTlsCrypto());
        this.offer = offer;
        this.sniName = offer.sendSni() ? sniName : Optional.empty();
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return offer.versions().stream().map(TlsVersion::bc).sorted((a, b) -> a.isLaterVersionOf(b) ? -1 : 1)
                .toArray(ProtocolVersion[]::new);
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        List<Integer> suites = offer.cipherSuites().isEmpty() ? CipherSuites.BROAD : offer.cipherSuites();
        return suites.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
        if (sniName.isEmpty()) {
            return null;
        }
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(NameType.host_name, sniName.get().getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    @Override
    public void notifyServerVersion(ProtocolVersion version) throws IOException {
        super.notifyServerVersion(version);
        serverVersion = version;
    }

    @Override
    public void notifySelectedCipherSuite(int suite) {
        super.notifySelectedCipherSuite(suite);
        selectedSuite = suite;
    }

    @Override
    public void notifyAlertReceived(short level, short description) {
        alert = AlertDescription.getText(description);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate certificate) throws IOException {
                chain = decode(certificate.getCertificate().getCertificateList());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                return null;
            }
        };
    }

    /** True once the server has answered as far as the offer needs. */
    boolean answered() {
        return offer.untilCertificate() ? !chain.isEmpty() : selectedSuite >= 0;
    }

    Optional<TlsVersion> serverVersion() {
        return Optional.ofNullable(serverVersion).flatMap(TlsVersion::of);
    }

    Optional<String> selectedSuite() {
        return selectedSuite < 0 ? Optional.empty() : Optional.of(CipherSuites.name(selectedSuite));
    }

    List<X509Certificate> chain() {
        return chain;
    }

    Optional<String> alert() {
        return Optional.ofNullable(alert);
    }

    private static List<X509Certificate> decode(TlsCertificate[] certificates) throws IOException {
        List<X509Certificate> decoded = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (TlsCertificate certificate : certificates) {
                decoded.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(certificate.getEncoded())));
            }
        } catch (CertificateException e) {
            throw new IOException("unreadable server certificate: " + e.getMessage(), e);
        }
        return List.copyOf(decoded);
    }
}
