package org.starttls.robustness;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate chain far longer and larger than any real one: the leaf, then {@code extra} distinct certificates
 * whose names link up (each one's issuer is the next one's subject), as a hostile server would send it. The
 * signatures do not verify; the client must refuse the chain on size before it ever gets to them.
 */
final class HugeChain {

    private HugeChain() {
    }

    static List<X509Certificate> of(X509Certificate leaf, int extra) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair key = generator.generateKeyPair();
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        X500Principal subject = leaf.getIssuerX500Principal();
        Instant now = Instant.now();
        for (int i = 1; i <= extra; i++) {
            X500Principal issuer = new X500Principal("CN=padding " + i + ", O=hostile chain");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(i),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject, key.getPublic());
            chain.add(new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))));
            subject = issuer;
        }
        return chain;
    }
}
