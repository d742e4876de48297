package org.starttls.clientmode;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The server without TLS behind its 220 swallows whole TLS records, however the reads cut them: a ClientHello longer
 * than one read buffer (OpenSSL 3.5's X25519MLKEM768 key share makes it about 1.2 KB) leaks nothing into the line
 * framer, and a cleartext QUIT after it arrives as QUIT.
 */
class NoTlsAfterReadyTest {

    /** A handshake record of {@code length} body bytes. */
    private static byte[] record(int length) {
        byte[] record = new byte[5 + length];
        record[0] = 0x16;
        record[1] = 3;
        record[2] = 1;
        record[3] = (byte) (length >> 8);
        record[4] = (byte) length;
        Arrays.fill(record, 5, record.length, (byte) 0x41);
        return record;
    }

    /** Everything the channel let through, one way: {@code channel::readInbound} or {@code channel::readOutbound}. */
    private static String drain(Supplier<ByteBuf> next) {
        StringBuilder out = new StringBuilder();
        for (ByteBuf b = next.get(); b != null; b = next.get()) {
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out.toString();
    }

    @Test
    void aRecordOverSeveralReadsIsSwallowedWholeAndTheQuitBehindItPasses() {
        EmbeddedChannel channel = new EmbeddedChannel(new NoTlsAfterReady());
        byte[] hello = record(1500);
        // cut as a shrunken read buffer cuts it: the header split too, and QUIT in the read with the record's tail
        channel.writeInbound(Unpooled.wrappedBuffer(hello, 0, 3));
        channel.writeInbound(Unpooled.wrappedBuffer(hello, 3, 1021));
        byte[] tail = Arrays.copyOfRange(hello, 1024, hello.length);
        channel.writeInbound(Unpooled.wrappedBuffer(tail, "QUIT\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(drain(channel::readInbound)).isEqualTo("QUIT\r\n");
        assertThat(drain(channel::readOutbound)).isEqualTo("500 5.5.2 Command not recognized\r\n");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void cleartextLinesAroundRecordsPassAndOnlyTheFirstRecordIsAnswered() {
        EmbeddedChannel channel = new EmbeddedChannel(new NoTlsAfterReady());
        byte[] alert = {0x15, 3, 3, 0, 2, 2, 40};
        channel.writeInbound(Unpooled.wrappedBuffer("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII), record(10)));
        channel.writeInbound(Unpooled.wrappedBuffer(alert, "EHLO x\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(drain(channel::readInbound)).isEqualTo("STARTTLS\r\nEHLO x\r\n");
        assertThat(drain(channel::readOutbound)).isEqualTo("500 5.5.2 Command not recognized\r\n");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
