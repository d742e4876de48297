package org.starttls.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A scripted blocking server on 127.0.0.1 for session tests: each connection runs the given
 * conversation on its own thread. Failures inside a conversation are kept for {@link #failures()}.
 */
final class StubServer implements AutoCloseable {

    interface Conversation {
        void run(StubPeer peer) throws Exception;
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "stub-server");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Throwable> failures = new ArrayList<>();

    private StubServer(ServerSocket server, Conversation conversation) {
        this.server = server;
        threads.execute(() -> acceptLoop(conversation));
    }

    static StubServer plain(Conversation conversation) throws IOException {
        return new StubServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), conversation);
    }

    static StubServer implicitTls(SSLContext context, Conversation conversation) throws IOException {
        return new StubServer(context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getByName("127.0.0.1")),
                conversation);
    }

    Target target() {
        return new Target("127.0.0.1", server.getLocalPort());
    }

    List<Throwable> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    private void acceptLoop(Conversation conversation) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.execute(() -> {
                    try (StubPeer peer = new StubPeer(socket)) {
                        conversation.run(peer);
                    } catch (Exception | AssertionError e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
