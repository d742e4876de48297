package org.starttls.client;

/** The connection ended (closed or reset by the server) before the operation could complete. */
public final class ConnectionClosedException extends SessionException {

    public ConnectionClosedException(String message) {
        super(message);
    }

    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
