package org.starttls.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * What a certificate says about the server, read with Bouncy Castle: the names (subjectAltName DNS and IP entries,
 * subject CN), the validity window, the key and the signature algorithm.
 */
public record CertificateFacts(String subject, String issuer, List<String> dnsNames, List<String> ipAddresses,
                               Optional<String> commonName, Instant notBefore, Instant notAfter, String keyAlgorithm,
                               int keyBits, String signatureAlgorithm, boolean selfIssued) {

    private static final DefaultAlgorithmNameFinder ALGORITHMS = new DefaultAlgorithmNameFinder();

    public CertificateFacts {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    public static CertificateFacts of(X509Certificate certificate) {
        X509CertificateHolder holder;
        try {
            holder = new X509CertificateHolder(certificate.getEncoded());
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalArgumentException("unreadable certificate: " + e.getMessage(), e);
        }
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        GeneralNames names = GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName);
        if (names != null) {
            for (GeneralName name : names.getNames()) {
                if (name.getTagNo() == GeneralName.dNSName) {
                    dns.add(((ASN1String) name.getName()).getString());
                } else if (name.getTagNo() == GeneralName.iPAddress) {
                    ipAddress(ASN1OctetString.getInstance(name.getName()).getOctets()).ifPresent(ips::add);
                }
            }
        }
        RDN[] cns = holder.getSubject().getRDNs(BCStyle.CN);
        Optional<String> cn = cns.length == 0 ? Optional.empty()
                : Optional.of(((ASN1String) cns[cns.length - 1].getFirst().getValue()).getString());
        PublicKey key = certificate.getPublicKey();
        return new CertificateFacts(holder.getSubject().toString(), holder.getIssuer().toString(), dns, ips, cn,
                holder.getNotBefore().toInstant(), holder.getNotAfter().toInstant(), key.getAlgorithm(), keyBits(key),
                ALGORITHMS.getAlgorithmName(holder.getSignatureAlgorithm()), holder.getSubject().equals(holder.getIssuer()));
    }

    /** E.g. {@code EC 256} or {@code RSA 1024}. */
    public String key() {
        return keyAlgorithm + " " + keyBits;
    }

    /** Why the key is too weak, if it is: RSA below 2048 bits, EC below 256 bits. */
    public Optional<String> weakKey() {
        String algorithm = keyAlgorithm.toUpperCase(Locale.ROOT);
        if (algorithm.equals("RSA") && keyBits < 2048) {
            return Optional.of("RSA key of " + keyBits + " bits (at least 2048 expected)");
        }
        if (algorithm.startsWith("EC") && keyBits < 256) {
            return Optional.of("EC key of " + keyBits + " bits (at least 256 expected)");
        }
        return Optional.empty();
    }

    /** Whether the signature uses MD5 or SHA-1, e.g. {@code SHA1WITHRSA}. */
    public boolean weakSignature() {
        String name = signatureAlgorithm.toUpperCase(Locale.ROOT).replace("-", "");
        return name.startsWith("MD5") || name.startsWith("MD2") || name.startsWith("SHA1WITH");
    }

    /** One line for reports: subject, names, window, key and signature. */
    public String summary() {
        return subject + "; SAN DNS " + dnsNames + ", IP " + ipAddresses + "; valid " + notBefore + " to " + notAfter
                + "; " + key() + "; signed " + signatureAlgorithm;
    }

    private static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return -1;
    }

    private static Optional<String> ipAddress(byte[] octets) {
        try {
            return octets.length == 4 || octets.length == 16
                    ? Optional.of(InetAddress.getByAddress(octets).getHostAddress()) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
