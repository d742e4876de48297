package org.starttls.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.starttls.client.TrustConfig;

/**
 * Path validation of the server's chain to the configured anchors (RFC 5280 §6), judged at an instant inside the
 * leaf's validity window: whether the certificate is valid <em>now</em> is a requirement of its own, so an expired
 * certificate from a trusted CA fails that one and not this one.
 */
public final class ChainCheck {

    private ChainCheck() {
    }

    /** Empty when the chain validates; otherwise why not. */
    public static Optional<String> problem(List<X509Certificate> chain, TrustConfig trust) {
        if (chain.isEmpty()) {
            return Optional.of("the server sent no certificate");
        }
        try {
            PKIXParameters parameters = new PKIXParameters(anchors(trust));
            parameters.setRevocationEnabled(false);
            X509Certificate leaf = chain.get(0);
            parameters.setDate(insideValidity(leaf));
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(withoutAnchors(chain, parameters));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            String reason = e.getReason() == CertPathValidatorException.BasicReason.UNSPECIFIED
                    || e.getReason() == null ? "" : " (" + e.getReason() + ")";
            return Optional.of("no valid path to a trusted anchor" + reason + ": " + e.getMessage() + " ("
                    + trust.describe() + ")");
        } catch (GeneralSecurityException e) {
            return Optional.of("the chain could not be checked: " + e.getMessage());
        }
    }

    /** The anchors themselves are not part of the path; a server that sends its root is not wrong for it. */
    private static List<X509Certificate> withoutAnchors(List<X509Certificate> chain, PKIXParameters parameters) {
        Set<X509Certificate> anchors = parameters.getTrustAnchors().stream().map(TrustAnchor::getTrustedCert)
                .collect(Collectors.toSet());
        List<X509Certificate> path = chain.stream().filter(c -> !anchors.contains(c)).toList();
        return path.isEmpty() ? chain.subList(0, 1) : path;
    }

    private static Date insideValidity(X509Certificate leaf) {
        Instant now = Instant.now();
        Instant from = leaf.getNotBefore().toInstant();
        Instant until = leaf.getNotAfter().toInstant();
        if (now.isAfter(from) && now.isBefore(until)) {
            return Date.from(now);
        }
        return Date.from(from.plusMillis((until.toEpochMilli() - from.toEpochMilli()) / 2));
    }

    private static Set<TrustAnchor> anchors(TrustConfig trust) throws GeneralSecurityException {
        List<X509Certificate> certificates;
        if (trust instanceof TrustConfig.Anchors configured) {
            certificates = configured.certificates();
        } else {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            certificates = Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                    .flatMap(m -> Arrays.stream(((X509TrustManager) m).getAcceptedIssuers())).toList();
        }
        return certificates.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
    }
}
