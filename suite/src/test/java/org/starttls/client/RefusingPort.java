package org.starttls.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses connections and stays ours while the test runs: a socket bound to it that never
 * listens. A SYN to a port without a listener is answered with RST (Linux), and nobody else can bind the port meanwhile
 * (the socket does not set SO_REUSEADDR), unlike a port that was bound, closed and then used: another process may take
 * it in between.
 */
public final class RefusingPort implements AutoCloseable {

    private final Socket bound;

    private RefusingPort(Socket bound) {
        this.bound = bound;
    }

    public static RefusingPort open() {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return new RefusingPort(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
    }

    public int port() {
        return bound.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}. */
    public Target target() {
        return new Target("127.0.0.1", port());
    }

    @Override
    public void close() throws IOException {
        bound.close();
    }
}
