package org.starttls.client;

/** The server's bytes broke the reply grammar or the client's limits. */
public final class MalformedReplyException extends SessionException {

    private final String reason;
    private final byte[] offending;

    MalformedReplyException(MalformedReply malformed) {
        super("malformed reply: " + malformed.describe());
        this.reason = malformed.reason();
        this.offending = malformed.offending().clone();
    }

    /** What is wrong, without the quoted bytes. */
    public String reason() {
        return reason;
    }

    /** The start of the offending line, bounded. */
    public byte[] offendingBytes() {
        return offending.clone();
    }
}
