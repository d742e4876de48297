package org.starttls.client;

import java.time.Duration;

/** No complete reply arrived in time, e.g. a dead or tarpitting server. */
public final class ReplyTimeoutException extends SessionException {

    private final byte[] receivedSoFar;

    public ReplyTimeoutException(Duration timeout, byte[] receivedSoFar) {
        super("no complete reply within " + Durations.human(timeout) + "; received so far: "
                + (receivedSoFar.length == 0 ? "nothing" : "'" + Escaping.bytes(receivedSoFar, Escaping.EXCERPT_BYTES) + "'"));
        this.receivedSoFar = receivedSoFar.clone();
    }

    /** The start of an unfinished reply, if any. */
    public byte[] receivedSoFar() {
        return receivedSoFar.clone();
    }
}
