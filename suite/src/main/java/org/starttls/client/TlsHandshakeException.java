package org.starttls.client;

import java.nio.channels.ClosedChannelException;

/** The TLS handshake failed; the message summarises why, e.g. plaintext instead of a ServerHello. */
public final class TlsHandshakeException extends SessionException {

    private final byte[] plaintextAfter220;
    private final boolean peerClosed;

    public TlsHandshakeException(String message, byte[] plaintextAfter220, Throwable cause) {
        this(message, plaintextAfter220, cause, cause instanceof ClosedChannelException);
    }

    private TlsHandshakeException(String message, byte[] plaintextAfter220, Throwable cause, boolean peerClosed) {
        super(message, cause);
        this.plaintextAfter220 = plaintextAfter220.clone();
        this.peerClosed = peerClosed;
    }

    /** The server closed the connection before the handshake could start. */
    static TlsHandshakeException closedBefore(byte[] plaintextAfter220) {
        return new TlsHandshakeException("server closed the connection before the TLS handshake", plaintextAfter220,
                null, true);
    }

    /** Whether the handshake failed because the server closed the connection, before or during it. */
    public boolean peerClosed() {
        return peerClosed;
    }

    /** As in {@link TlsUpgrade#plaintextAfter220()}: captured even when the upgrade then failed. */
    public byte[] plaintextAfter220() {
        return plaintextAfter220.clone();
    }
}
