package org.starttls.robustness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;

/**
 * A raw-socket server on 127.0.0.1 that misbehaves in one way per connection, for the hostile cases the reference
 * server's behaviour hook cannot express (bytes without CRLF, a reset mid-reply, plaintext where TLS belongs).
 */
final class HostileServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    interface Conduct {
        void serve(Socket socket, InputStream in, OutputStream out) throws Exception;
    }

    private final ServerSocket listener;
    private final AtomicInteger connections = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-server");
        t.setDaemon(true);
        return t;
    });

    private HostileServer(ServerSocket listener, Conduct conduct) {
        this.listener = listener;
        threads.execute(() -> accept(conduct));
    }

    static HostileServer start(Conduct conduct) throws IOException {
        return start(ServerSocketFactory.getDefault(), conduct);
    }

    /** With an {@code SSLServerSocketFactory}: a TLS server. */
    static HostileServer start(ServerSocketFactory factory, Conduct conduct) throws IOException {
        return new HostileServer(factory.createServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), conduct);
    }

    String target() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void accept(Conduct conduct) {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                threads.execute(() -> {
                    try (socket) {
                        conduct.serve(socket, socket.getInputStream(), socket.getOutputStream());
                    } catch (Exception clientWentAway) {
                        // the client giving up is the expected end of most hostile conversations
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one line (up to LF) or returns null at the end of the stream. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                return null;
            }
            line.append((char) b);
        }
        return line.toString().strip();
    }

    /** Reads and drops whatever the client sends until it closes. */
    static void drain(InputStream in) throws IOException {
        byte[] discard = new byte[4096];
        while (in.read(discard) >= 0) {
            // keep draining
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
