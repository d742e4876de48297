package org.starttls.client;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What a TLS handshake established.
 *
 * @param chainProblem empty when the chain validated against the configured anchors, otherwise why
 *                     not, or {@code "not checked (trust=any)"}
 * @param sniName      the server name sent in the SNI extension, if any
 */
public record TlsFacts(String protocol, String cipherSuite, List<X509Certificate> peerChain,
                       Optional<String> chainProblem, Optional<String> sniName) {

    public TlsFacts {
        peerChain = List.copyOf(peerChain);
    }

    /** The subject of the server's own certificate, e.g. {@code CN=localhost}. */
    public String peerSubject() {
        return peerChain.isEmpty() ? "(no certificate)" : peerChain.get(0).getSubjectX500Principal().getName();
    }

    /** E.g. {@code TLS TLSv1.3 TLS_AES_128_GCM_SHA256, peer CN=localhost, chain: valid}. */
    public String summary() {
        return "TLS " + protocol + " " + cipherSuite + ", peer " + peerSubject() + ", chain: " + chainProblem.orElse("valid");
    }
}
