package org.starttls.client;

/** The TLS handshake failed; the message summarises why, e.g. plaintext instead of a ServerHello. */
public final class TlsHandshakeException extends SessionException {

    private final byte[] plaintextAfter220;

    public TlsHandshakeException(String message, byte[] plaintextAfter220, Throwable cause) {
        super(message, cause);
        this.plaintextAfter220 = plaintextAfter220.clone();
    }

    /** As in {@link TlsUpgrade#plaintextAfter220()}: captured even when the upgrade then failed. */
    public byte[] plaintextAfter220() {
        return plaintextAfter220.clone();
    }
}
