package org.starttls.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** The server end of one stub connection; reads byte by byte so nothing is buffered past STARTTLS. */
final class StubPeer implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    StubPeer(Socket socket) throws IOException {
        socket.setSoTimeout(5000);
        use(socket);
    }

    private void use(Socket newSocket) throws IOException {
        socket = newSocket;
        in = newSocket.getInputStream();
        out = newSocket.getOutputStream();
    }

    /** Writes {@code text} as it is, in one write. */
    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next line without its CRLF, or null at the end of the stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                return null;
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** At least one byte: whatever the client sent next. */
    byte[] readSome() throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int n = in.read(buffer);
        return n < 0 ? new byte[0] : Arrays.copyOf(buffer, n);
    }

    /** Discards what the client sends until it closes, so that our close never turns into a reset. */
    void awaitClientClose() throws IOException {
        byte[] discard = new byte[4096];
        while (in.read(discard) >= 0) {
            // keep draining
        }
    }

    /**
     * Server side of the TLS handshake on the existing connection, limited to {@code protocols} when
     * given; returns the SNI names received.
     */
    List<String> startTls(SSLContext context, String... protocols) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
        tls.setUseClientMode(false);
        if (protocols.length > 0) {
            tls.setEnabledProtocols(protocols);
        }
        tls.startHandshake();
        use(tls);
        return requestedServerNames();
    }

    List<String> requestedServerNames() {
        return ((ExtendedSSLSession) ((SSLSocket) socket).getSession()).getRequestedServerNames().stream()
                .map(name -> ((SNIHostName) name).getAsciiName()).toList();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
