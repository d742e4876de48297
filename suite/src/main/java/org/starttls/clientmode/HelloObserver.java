package org.starttls.clientmode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.ClientHello;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsExtensionsUtils;

/**
 * Reads the client's first TLS ClientHello as it passes, below any TLS layer, and records what it offers: the protocol
 * versions and the server name (SNI). It never changes or holds back a byte; a failed handshake still leaves the hello
 * on record, which is how a client's refusal of an old protocol version is told from a client that never tried.
 */
final class HelloObserver extends ChannelInboundHandlerAdapter {

    private static final int HANDSHAKE = 0x16;
    private static final int CLIENT_HELLO = 0x01;
    /** A record is at most 2^14 octets plus overhead; a hello longer than this is not waited for. */
    private static final int LIMIT = 1 << 16;

    private final ByteArrayOutputStream record = new ByteArrayOutputStream();
    private boolean done;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!done && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            if (record.size() > 0 || bytes.getUnsignedByte(bytes.readerIndex()) == HANDSHAKE) {
                record.writeBytes(ByteBufUtil.getBytes(bytes));
                inspect(ctx);
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void inspect(ChannelHandlerContext ctx) {
        byte[] data = record.toByteArray();
        if (data.length < 9) {
            return;
        }
        int length = ((data[3] & 0xff) << 8) | (data[4] & 0xff);
        if (data.length < 5 + length && data.length < LIMIT) {
            return;
        }
        done = true;
        record.reset();
        ConnectionRecorder recorder = ConnectionRecorder.of(ctx.channel());
        if (recorder == null || (data[5] & 0xff) != CLIENT_HELLO) {
            return;
        }
        int bodyLength = Math.min(((data[6] & 0xff) << 16) | ((data[7] & 0xff) << 8) | (data[8] & 0xff),
                Math.min(data.length, 5 + length) - 9);
        try {
            // no output stream: that would make Bouncy Castle read a DTLS hello, with a cookie
            ClientHello hello = ClientHello.parse(new ByteArrayInputStream(data, 9, bodyLength), null);
            Hashtable<?, ?> extensions = hello.getExtensions();
            ProtocolVersion[] versions = TlsExtensionsUtils.getSupportedVersionsExtensionClient(extensions);
            List<ProtocolVersion> offered = versions != null ? Arrays.asList(versions) : olderThan(hello.getVersion());
            ProtocolVersion highest = offered.stream().max(Comparator.comparingInt(ProtocolVersion::getFullVersion))
                    .orElse(hello.getVersion());
            recorder.clientHello(serverName(extensions), highest.getName(),
                    offered.stream().map(ProtocolVersion::getName).toList());
        } catch (IOException | RuntimeException e) {
            recorder.note("a TLS handshake record the suite could not read as a ClientHello: " + e.getMessage());
        }
    }

    /** Without supported_versions a ClientHello offers its version and every TLS version below it. */
    private static List<ProtocolVersion> olderThan(ProtocolVersion version) {
        return Arrays.stream(new ProtocolVersion[] {ProtocolVersion.TLSv10, ProtocolVersion.TLSv11, ProtocolVersion.TLSv12})
                .filter(v -> !v.isLaterVersionOf(version)).toList();
    }

    private static String serverName(Hashtable<?, ?> extensions) throws IOException {
        Vector<?> names = TlsExtensionsUtils.getServerNameExtensionClient(extensions);
        if (names == null) {
            return null;
        }
        for (Object name : names) {
            ServerName server = (ServerName) name;
            if (server.getNameType() == NameType.host_name) {
                return new String(server.getNameData(), StandardCharsets.US_ASCII);
            }
        }
        return null;
    }
}
