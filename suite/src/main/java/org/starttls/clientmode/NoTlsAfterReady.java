package org.starttls.clientmode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * The "220 without a handshake" half of a scenario: the server said {@code 220 Ready to start TLS} but has no TLS. TLS
 * records the client sends (a ClientHello, an alert) are swallowed below the line framer, whole, however many reads
 * they span (a ClientHello with a post-quantum key share is longer than one read buffer), and the first is answered in
 * cleartext with {@code 500 5.5.2}, so the client's handshake fails at once instead of waiting; cleartext lines still
 * reach the session, which goes on in cleartext: a client that carries on after the failed handshake is on record.
 */
final class NoTlsAfterReady extends ChannelInboundHandlerAdapter {

    private static final String NOT_TLS = "500 5.5.2 Command not recognized\r\n";
    private static final int HEADER = 5;
    private boolean answered;
    /** Bytes of the current TLS record still to come. */
    private int swallowing;
    /** The start of a record header that came without the rest of it. */
    private ByteBuf header;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = bytes;
        if (header != null) {
            in = Unpooled.wrappedBuffer(header, bytes);
            header = null;
        }
        try {
            while (in.isReadable()) {
                if (swallowing > 0) {
                    int skipped = Math.min(swallowing, in.readableBytes());
                    in.skipBytes(skipped);
                    swallowing -= skipped;
                } else if (startsTlsRecord(in)) {
                    if (in.readableBytes() < HEADER) {
                        header = in.readBytes(in.readableBytes());
                        return;
                    }
                    swallowing = HEADER + in.getUnsignedShort(in.readerIndex() + 3);
                    answer(ctx);
                } else {
                    // a cleartext line at a time, so a record right behind it is seen
                    int lineFeed = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                    int length = lineFeed < 0 ? in.readableBytes() : lineFeed - in.readerIndex() + 1;
                    ctx.fireChannelRead(in.readRetainedSlice(length));
                }
            }
        } finally {
            in.release();
        }
    }

    /** A TLS record starts with a content type of 20..23 and major version 3 (as far as the bytes go). */
    private static boolean startsTlsRecord(ByteBuf in) {
        int type = in.getUnsignedByte(in.readerIndex());
        return type >= 0x14 && type <= 0x17 && (in.readableBytes() < 2 || in.getUnsignedByte(in.readerIndex() + 1) == 3);
    }

    private void answer(ChannelHandlerContext ctx) {
        if (answered) {
            return;
        }
        answered = true;
        ConnectionRecorder recorder = ConnectionRecorder.of(ctx.channel());
        if (recorder != null) {
            recorder.note("the server played: TLS records after its 220 are not TLS to it; answered in cleartext");
        }
        // from the tail, so the recorder sees the reply
        ctx.channel().writeAndFlush(Unpooled.copiedBuffer(NOT_TLS, StandardCharsets.US_ASCII));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (header != null) {
            header.release();
            header = null;
        }
    }
}
