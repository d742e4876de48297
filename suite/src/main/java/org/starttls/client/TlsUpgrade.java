package org.starttls.client;

/**
 * The outcome of a STARTTLS upgrade.
 *
 * @param plaintextAfter220 bytes the server sent in plaintext after its 220 and before TLS; a
 *                          conforming server sends none (decoded replies re-encoded with CRLF)
 */
public record TlsUpgrade(TlsFacts facts, byte[] plaintextAfter220) {

    public TlsUpgrade {
        plaintextAfter220 = plaintextAfter220.clone();
    }

    @Override
    public byte[] plaintextAfter220() {
        return plaintextAfter220.clone();
    }
}
