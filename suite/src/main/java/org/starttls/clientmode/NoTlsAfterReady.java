package org.starttls.clientmode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * The "220 without a handshake" half of a scenario: the server said {@code 220 Ready to start TLS} but has no TLS. TLS
 * records the client sends (a ClientHello, an alert) are swallowed below the line framer and the first is answered in
 * cleartext with {@code 500 5.5.2}, so the client's handshake fails at once instead of waiting; cleartext lines still
 * reach the session, which goes on in cleartext: a client that carries on after the failed handshake is on record.
 */
final class NoTlsAfterReady extends ChannelInboundHandlerAdapter {

    private static final String NOT_TLS = "500 5.5.2 Command not recognized\r\n";
    private boolean answered;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && looksLikeTls(bytes)) {
            bytes.release();
            ConnectionRecorder recorder = ConnectionRecorder.of(ctx.channel());
            if (!answered) {
                answered = true;
                if (recorder != null) {
                    recorder.note("the server played: TLS records after its 220 are not TLS to it; answered in cleartext");
                }
                // from the tail, so the recorder sees the reply
                ctx.channel().writeAndFlush(Unpooled.copiedBuffer(NOT_TLS, StandardCharsets.US_ASCII));
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** A TLS record starts with a content type of 20..23 and major version 3. */
    private static boolean looksLikeTls(ByteBuf bytes) {
        if (bytes.readableBytes() < 2) {
            return false;
        }
        int type = bytes.getUnsignedByte(bytes.readerIndex());
        return type >= 0x14 && type <= 0x17 && bytes.getUnsignedByte(bytes.readerIndex() + 1) == 3;
    }
}
