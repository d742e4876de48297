package org.starttls.client;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks the server's chain against the configured anchors, records the outcome in the handshake's
 * {@link SSLSession} and always lets the handshake go on: certificate problems are separate
 * requirements, judged after the fact (as testssl.sh does), not reasons to stop probing.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {

    private static final String VERDICT_KEY = RecordingTrustManager.class.getName() + ".chainProblem";

    private final TrustConfig trust;
    /** The JDK's PKIX checker over the anchors; null for {@link TrustConfig.Any}. */
    private final X509ExtendedTrustManager checker;

    RecordingTrustManager(TrustConfig trust) throws GeneralSecurityException {
        this.trust = trust;
        this.checker = trust instanceof TrustConfig.Any ? null : pkixChecker(trust);
    }

    /** The recorded outcome for a finished handshake's session. */
    static Optional<String> chainProblem(SSLSession session) {
        Object verdict = session.getValue(VERDICT_KEY);
        return verdict instanceof Optional<?> problem
                ? problem.map(String::valueOf)
                : Optional.of("not checked (the server's chain never reached the trust manager)");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        Optional<String> problem = judge(chain, authType, engine);
        SSLSession handshake = engine.getHandshakeSession();
        if (handshake != null) {
            handshake.putValue(VERDICT_KEY, problem);
        }
    }

    private Optional<String> judge(X509Certificate[] chain, String authType, SSLEngine engine) {
        if (checker == null) {
            return Optional.of("not checked (" + trust.describe() + ")");
        }
        try {
            checker.checkServerTrusted(chain, authType, engine);
            return Optional.empty();
        } catch (CertificateException e) {
            return Optional.of(summarise(e) + " (" + trust.describe() + ")");
        }
    }

    private static String summarise(CertificateException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "certificate expired: " + t.getMessage();
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate not yet valid: " + t.getMessage();
            }
        }
        if (String.valueOf(e.getMessage()).contains("unable to find valid certification path")) {
            return "no chain to a trusted anchor: unknown issuer or self-signed certificate";
        }
        return Failures.describe(e);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return checker == null ? new X509Certificate[0] : checker.getAcceptedIssuers();
    }

    // The client only ever uses SSLEngine; the socket-based and client-side checks have nothing to judge.

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("only SSLEngine handshakes are judged");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("only SSLEngine handshakes are judged");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("this is a client; it does not judge clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("this is a client; it does not judge clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this is a client; it does not judge clients");
    }

    private static X509ExtendedTrustManager pkixChecker(TrustConfig trust) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trust instanceof TrustConfig.Anchors anchors) {
            factory.init(keyStoreOf(anchors.certificates()));
        } else {
            factory.init((KeyStore) null);
        }
        TrustManager[] managers = factory.getTrustManagers();
        return Arrays.stream(managers)
                .filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast)
                .findFirst()
                .orElseThrow(() -> new GeneralSecurityException("no X509ExtendedTrustManager from " + factory.getAlgorithm()));
    }

    private static KeyStore keyStoreOf(List<X509Certificate> anchors) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        for (int i = 0; i < anchors.size(); i++) {
            store.setCertificateEntry("anchor-" + i, anchors.get(i));
        }
        return store;
    }
}
