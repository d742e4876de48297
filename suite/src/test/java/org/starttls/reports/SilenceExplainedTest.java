package org.starttls.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.summary.ExitCode;

/**
 * While the suite waits for a greeting it says so, and when what arrives instead is a TLS record or an HTTP reply, the
 * reason the target could not be evaluated names that; a server that stays silent gets a hint about implicit TLS.
 */
class SilenceExplainedTest {

    /**
     * Where the server does answer, the timeout must not come before the answer does: long, so that a loaded machine
     * cannot turn the answer into silence. The HTTP reply is named as soon as its line ends; the TLS record has no line
     * end, so the probe names it when the timeout expires, from the bytes received by then, and that test lasts the
     * timeout. Only the silent server's short timeout is the point of its test, and silence cannot arrive early.
     */
    private static final String ANSWER_TIMEOUT = "10s";
    private static final byte[] TLS_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x32};

    @Test
    void aTlsRecordInsteadOfAGreetingIsNamed(@TempDir Path dir) throws Exception {
        try (Speaker server = new Speaker(TLS_ALERT)) {
            MainCommand run = MainCommand.run(dir, "--timeout", ANSWER_TIMEOUT, server.target());

            assertThat(run.exitCode()).as(run.text()).isEqualTo(ExitCode.NOT_EVALUATED.code());
            assertThat(run.console()).contains("[smtp] waiting for the greeting of " + server.target() + ", up to " + ANSWER_TIMEOUT);
            assertThat(run.text()).contains("[smtp] NOT EVALUATED: " + server.target() + ": " + server.target()
                    + " answered with a TLS record, not an SMTP greeting: it expects TLS from the first byte");
        }
    }

    @Test
    void anHttpReplyIsNamed(@TempDir Path dir) throws Exception {
        try (Speaker server = new Speaker("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII))) {
            MainCommand run = MainCommand.run(dir, "--timeout", ANSWER_TIMEOUT, server.target());

            assertThat(run.exitCode()).as(run.text()).isEqualTo(ExitCode.NOT_EVALUATED.code());
            assertThat(run.text()).contains(server.target() + " answered like a web server (HTTP/1.1 400 Bad Request), "
                    + "not an SMTP server; check the port");
        }
    }

    @Test
    void silenceGetsAHintAboutImplicitTlsInGermanToo(@TempDir Path dir) throws Exception {
        try (Speaker server = new Speaker(new byte[0])) {
            MainCommand run = MainCommand.run(dir, "--timeout", "300ms", "--report-lang", "de", server.target());

            assertThat(run.exitCode()).as(run.text()).isEqualTo(ExitCode.NOT_EVALUATED.code());
            assertThat(run.console()).contains("[smtp] warte auf die Begrüßung von " + server.target() + ", bis zu 300ms");
            assertThat(run.text()).contains("[smtp] NICHT GEPRÜFT: " + server.target() + ": keine Begrüßung von "
                    + server.target() + " innerhalb von 300ms", "erwartet vielleicht TLS ab dem ersten Byte");
        }
    }

    /** A loopback server that sends {@code first} on every connection and then reads until the client closes. */
    private static final class Speaker implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());

        Speaker(byte[] first) throws IOException {
            Thread t = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        Thread c = new Thread(() -> {
                            try (s; InputStream in = s.getInputStream()) {
                                s.getOutputStream().write(first);
                                s.getOutputStream().flush();
                                in.transferTo(java.io.OutputStream.nullOutputStream());
                            } catch (IOException e) {
                                // client gone
                            }
                        });
                        c.setDaemon(true);
                        c.start();
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        String target() {
            return "127.0.0.1:" + listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
