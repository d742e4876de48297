package org.starttls.reports;

/** The run did not pass the gate; Maven prints the message and exits non-zero. */
public final class GateFailedException extends Exception {
    public GateFailedException(String message) {
        super(message, null, false, false);
    }
}
