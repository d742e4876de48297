package org.starttls.fuzz;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.starttls.client.MalformedReply;
import org.starttls.client.Reply;
import org.starttls.client.ReplyDecoder;

/**
 * What must hold for any byte stream a server sends, cut into any chunks: the decoder never throws, emits only
 * replies and malformed-reply findings, and nothing it emits or keeps exceeds its caps.
 */
final class DecoderProperty {

    static final int MAX_LINE = 512;
    static final int MAX_LINES = 8;

    private DecoderProperty() {
    }

    /** {@code cuts} say where the stream is split into reads (each taken modulo the remaining length). */
    static void check(byte[] stream, int[] cuts) {
        EmbeddedChannel channel = new EmbeddedChannel(new ReplyDecoder(MAX_LINE, MAX_LINES));
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int left = stream.length - at;
            int length = i < cuts.length ? 1 + Math.floorMod(cuts[i], left) : left;
            channel.writeInbound(Unpooled.wrappedBuffer(stream, at, length));
            at += length;
            drain(channel);
        }
        channel.finish();
        drain(channel);
    }

    private static void drain(EmbeddedChannel channel) {
        for (Object message; (message = channel.readInbound()) != null; ) {
            if (message instanceof Reply reply) {
                if (reply.lines().size() > MAX_LINES || reply.code() < 200 || reply.code() > 559) {
                    throw new AssertionError("reply outside the caps: " + reply);
                }
                for (String line : reply.lines()) {
                    if (line.length() > MAX_LINE) {
                        throw new AssertionError("line longer than " + MAX_LINE + ": " + line.length());
                    }
                }
            } else if (message instanceof MalformedReply malformed) {
                if (malformed.offending().length > 80 || malformed.reason().isBlank()) {
                    throw new AssertionError("malformed finding without reason or with an unbounded excerpt");
                }
            } else {
                throw new AssertionError("unexpected message " + message);
            }
        }
    }
}
