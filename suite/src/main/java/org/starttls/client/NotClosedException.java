package org.starttls.client;

import java.time.Duration;

/** The server was expected to close the connection but stayed open or sent something. */
public final class NotClosedException extends SessionException {

    private final QuietResult observed;

    public NotClosedException(QuietResult observed, Duration within) {
        super(observed instanceof QuietResult.Silence
                ? "server did not close the connection within " + Durations.human(within)
                : "expected the server to close the connection, but it sent " + observed.describe());
        this.observed = observed;
    }

    /** What came instead of the close. */
    public QuietResult observed() {
        return observed;
    }
}
