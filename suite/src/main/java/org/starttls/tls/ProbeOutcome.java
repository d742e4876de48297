package org.starttls.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What one probe connection learned.
 *
 * @param result   whether the server chose something we offered, refused, or could not be judged
 * @param version  the version the server chose, when it answered with a ServerHello
 * @param cipherSuite the suite the server chose (its IANA name)
 * @param chain    the server's certificates, when the probe went that far
 * @param alert    the alert the server sent, e.g. {@code protocol_version(70)}, when it sent one
 * @param detail   one sentence: what the server did
 * @param transcript the SMTP part of the probe and what happened to the handshake
 */
public record ProbeOutcome(Result result, Optional<TlsVersion> version, Optional<String> cipherSuite,
                           List<X509Certificate> chain, Optional<String> alert, String detail, String transcript) {

    public enum Result {
        /** The server answered with a ServerHello choosing one of the offered versions and suites. */
        ACCEPTED,
        /** The server refused the offer with an alert. */
        REFUSED,
        /**
         * The connection closed (or was reset) before any ServerHello, without an alert: a refusal only when the same
         * target completes a modern handshake, else a server that closes whatever it is offered.
         */
        CLOSED,
        /** No verdict possible: the SMTP part failed, or no answer within the timeout. */
        UNKNOWN
    }

    public ProbeOutcome {
        chain = List.copyOf(chain);
    }

    public boolean accepted() {
        return result == Result.ACCEPTED;
    }

    /** Whether the server answered with the alert that names the protocol version as the reason (RFC 8446 §6.2). */
    public boolean protocolVersionAlert() {
        return alert.filter(a -> a.startsWith("protocol_version")).isPresent();
    }

    ProbeOutcome withTranscript(String text) {
        return new ProbeOutcome(result, version, cipherSuite, chain, alert, detail, text);
    }

    static ProbeOutcome unknown(String detail) {
        return new ProbeOutcome(Result.UNKNOWN, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), detail, "");
    }

    static ProbeOutcome closed(String detail) {
        return new ProbeOutcome(Result.CLOSED, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), detail, "");
    }
}
