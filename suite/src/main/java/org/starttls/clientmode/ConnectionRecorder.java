package org.starttls.clientmode;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSession;
import org.starttls.client.Escaping;
import org.starttls.clientmode.Recording.Kind;
import org.starttls.fixtures.server.Line;
import org.starttls.fixtures.zoo.OldTls;
import org.starttls.tls.TlsVersion;

/**
 * Sits between the fake server's line framer and its session, so it sees each line the client sent and each reply in
 * plaintext, whether or not TLS is below, and writes them to the case's {@link Recording}. Secrets are masked here, before
 * anything is kept: the initial response of AUTH and every SASL response (after a 334) become {@code ***}; message
 * content (after a 354) is only counted.
 */
final class ConnectionRecorder extends ChannelDuplexHandler {

    private static final AttributeKey<ConnectionRecorder> KEY = AttributeKey.valueOf(ConnectionRecorder.class, "recorder");
    static final String MASK = "***";

    private final Recording recording;
    private final int connection;
    private volatile boolean tls;
    private boolean data;
    private boolean saslResponseExpected;
    private int messageLines;
    /** Counts the reads: lines of one read arrived together. */
    private int read = 1;

    private ConnectionRecorder(Recording recording, int connection) {
        this.recording = recording;
        this.connection = connection;
    }

    /** A recorder for a new connection, reachable later through {@link #of(Channel)}. */
    static ConnectionRecorder attach(Channel channel, Recording recording) {
        ConnectionRecorder recorder = new ConnectionRecorder(recording, recording.opened());
        channel.attr(KEY).set(recorder);
        return recorder;
    }

    static ConnectionRecorder of(Channel channel) {
        return channel.attr(KEY).get();
    }

    /** Whether a TLS handshake has completed on this connection. */
    boolean tls() {
        return tls;
    }

    /** Something the scenario did on purpose, or a fact about the connection. */
    void note(String text) {
        recording.add(connection, Kind.NOTE, tls, text, null, null);
    }

    /** What the ClientHello offered, from the observer below TLS. */
    void clientHello(String sni, String highestVersion, List<String> offered) {
        recording.add(connection, Kind.CLIENT_HELLO, tls, "ClientHello: offers " + offered.stream()
                .map(TlsVersion::jdkName).collect(java.util.stream.Collectors.joining(" ")) + ", SNI "
                + (sni == null ? "none" : sni), sni, TlsVersion.jdkName(highestVersion));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        recording.add(connection, Kind.CONNECTED, false, "connection from " + peer.getAddress().getHostAddress() + ":"
                + peer.getPort(), null, null);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Line line) {
            recordClientLine(line);
        }
        ctx.fireChannelRead(msg);
    }

    private void recordClientLine(Line line) {
        String text = line.overlong() ? "(a line over the server's limit)" : line.text();
        if (data) {
            if (text.equals(".")) {
                data = false;
                note("(" + messageLines + " lines of message content, not recorded)");
                client(".");
            } else {
                messageLines++;
            }
        } else if (saslResponseExpected) {
            saslResponseExpected = false;
            client(MASK);
        } else {
            String[] words = text.split(" ", 3);
            client(words[0].equalsIgnoreCase("AUTH") && words.length > 2 ? words[0] + " " + words[1] + " " + MASK : text);
        }
    }

    private void client(String text) {
        recording.add(connection, Kind.CLIENT, tls, Escaping.text(text), null, null, read);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        read++;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf reply && reply.isReadable()) {
            for (String line : reply.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
                recording.add(connection, Kind.SERVER, tls, Escaping.text(line), null, null);
                if (line.length() >= 4 && line.charAt(3) == ' ') {
                    String code = line.substring(0, 3);
                    data |= code.equals("354");
                    saslResponseExpected = code.equals("334");
                }
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
                tlsUp(session.getProtocol(), session.getCipherSuite(), sni(session));
            } else {
                tlsFailed(describe(handshake.cause()));
            }
        } else if (evt instanceof OldTls.Handshake handshake) {
            if (handshake.succeeded()) {
                tlsUp(TlsVersion.jdkName(handshake.protocol()), handshake.cipherSuite(), null);
            } else {
                tlsFailed(handshake.failure());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void tlsUp(String protocol, String cipherSuite, String sni) {
        tls = true;
        recording.add(connection, Kind.TLS_UP, true, "TLS handshake completed: " + protocol + " " + cipherSuite
                + (sni == null ? "" : ", SNI " + sni), sni, protocol);
    }

    private void tlsFailed(String why) {
        recording.add(connection, Kind.TLS_FAILED, tls, "TLS handshake failed: " + why, null, null);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        recording.add(connection, Kind.CLOSED, tls, "connection closed", null, null);
        recording.closed();
        ctx.fireChannelInactive();
    }

    private static String sni(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            List<String> names = new ArrayList<>();
            extended.getRequestedServerNames().forEach(name -> names.add(name instanceof SNIHostName host
                    ? host.getAsciiName() : name.toString()));
            return names.isEmpty() ? null : String.join(",", names);
        }
        return null;
    }

    /** Why a handshake failed, in the words of the alert or the exception at its root. */
    private static String describe(Throwable cause) {
        if (cause instanceof NotSslRecordException) {
            return "the client sent data that is not TLS";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getSimpleName() : root.getMessage();
    }
}
