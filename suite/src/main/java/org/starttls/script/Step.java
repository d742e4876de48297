package org.starttls.script;

import java.time.Duration;
import java.util.List;

/**
 * One line of a scenario script. {@code verdict} marks the steps a requirement is judged on ({@code S!},
 * {@code TLS!}, {@code CLOSE!}, {@code QUIET!}); a failure anywhere else means the case could not be set up.
 */
public sealed interface Step {
    int line();

    String source();

    boolean verdict();

    /** {@code C:} sends a line with CRLF; {@code C~} sends the bytes as they are, in one write. */
    record Send(int line, String source, String text, boolean raw) implements Step {
        @Override
        public boolean verdict() {
            return false;
        }
    }

    /**
     * {@code S:} / {@code S!} reads one whole reply and checks it. A line that judges EHLO keywords ({@code +KEYWORD},
     * {@code -KEYWORD}) judges them only in a reply of the expected code: another code (EHLO refused) has no keyword list,
     * which leaves the case INCONCLUSIVE rather than FAIL.
     */
    record Expect(int line, String source, List<Expectation> expectations, boolean verdict) implements Step {
    }

    /** {@code TLS} starts the TLS handshake after a 220 to STARTTLS. */
    record StartTls(int line, String source, boolean verdict) implements Step {
    }

    /** {@code CLOSE} expects the server to close the connection. */
    record Close(int line, String source, boolean verdict) implements Step {
    }

    /** {@code QUIET 2s} expects no byte from the server for that long. */
    record Quiet(int line, String source, Duration period, boolean verdict) implements Step {
    }
}
