package org.starttls.client;

/** A session could not do what was asked; the message says what the server did, readably. */
public class SessionException extends Exception {

    public SessionException(String message) {
        super(message);
    }

    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
