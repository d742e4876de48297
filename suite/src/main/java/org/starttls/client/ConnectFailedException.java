package org.starttls.client;

/** No TCP connection to the target; {@link #reason()} says which way it failed. */
public final class ConnectFailedException extends SessionException {

    public enum Reason { REFUSED, UNRESOLVABLE, TIMEOUT, OTHER }

    private final Reason reason;

    public ConnectFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
