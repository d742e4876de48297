package org.starttls.maven;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.maven.plugin.logging.Log;

/** The run's console lines as Maven log lines: one {@code [INFO]} line per printed line. */
final class LogStream extends OutputStream {

    private final Log log;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LogStream(Log log) {
        this.log = log;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else if (b != '\r') {
            line.write(b);
        }
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            flushLine();
        }
    }

    private void flushLine() {
        log.info(line.toString(StandardCharsets.UTF_8));
        line.reset();
    }
}
