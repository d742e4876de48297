package org.starttls.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyDecoderTest {

    private final ReplyDecoder decoder = new ReplyDecoder(4096, 100);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    private List<Object> feed(String... chunks) {
        for (String chunk : chunks) {
            channel.writeInbound(Unpooled.copiedBuffer(chunk, StandardCharsets.ISO_8859_1));
        }
        return drain();
    }

    private List<Object> drain() {
        List<Object> out = new ArrayList<>();
        for (Object message; (message = channel.readInbound()) != null; ) {
            out.add(message);
        }
        return out;
    }

    private Reply onlyReply(List<Object> out) {
        assertThat(out).hasSize(1).first().isInstanceOf(Reply.class);
        return (Reply) out.get(0);
    }

    private MalformedReply onlyMalformed(List<Object> out) {
        assertThat(out).hasSize(1).first().isInstanceOf(MalformedReply.class);
        return (MalformedReply) out.get(0);
    }

    @Test
    void decodesASingleLineReply() {
        Reply reply = onlyReply(feed("220 mail.example ESMTP ready\r\n"));

        assertThat(reply.code()).isEqualTo(220);
        assertThat(reply.lines()).containsExactly("mail.example ESMTP ready");
        assertThat(reply.findings()).isEmpty();
    }

    @Test
    void decodesAMultilineReplySplitAcrossReads() {
        Reply reply = onlyReply(feed("250-mail.exa", "mple\r", "\n250-STARTTLS\r\n250 SIZE 1000", "\r\n"));

        assertThat(reply.lines()).containsExactly("mail.example", "STARTTLS", "SIZE 1000");
        assertThat(reply.ehloKeywords()).containsExactly("STARTTLS", "SIZE");
    }

    @Test
    void decodesSeveralRepliesFromOneRead() {
        List<Object> out = feed("250 2.0.0 OK\r\n220 2.0.0 Ready to start TLS\r\n");

        assertThat(out).extracting(m -> ((Reply) m).code()).containsExactly(250, 220);
    }

    @Test
    void acceptsABareCode() {
        Reply reply = onlyReply(feed("250\r\n"));

        assertThat(reply.lines()).containsExactly("");
        assertThat(reply.findings()).isEmpty();
    }

    @Test
    void acceptsContinuationLinesWithoutText() {
        Reply reply = onlyReply(feed("250-\r\n250 last\r\n"));

        assertThat(reply.lines()).containsExactly("", "last");
    }

    @Test
    void acceptsBareLfButRecordsAFinding() {
        Reply reply = onlyReply(feed("250-first\n250 second\r\n"));

        assertThat(reply.lines()).containsExactly("first", "second");
        assertThat(reply.findings()).containsExactly("line 1 ends with a bare LF instead of CRLF (RFC 5321 §2.3.8)");
    }

    @Test
    void recordsLinesLongerThanTheRfcLimit() {
        Reply reply = onlyReply(feed("250 " + "x".repeat(600) + "\r\n"));

        assertThat(reply.findings()).singleElement().asString()
                .contains("line 1 is 606 octets long", "RFC 5321 §4.5.3.1.5", "512");
    }

    @Test
    void aLineOfExactly512OctetsIsNoFinding() {
        Reply reply = onlyReply(feed("250 " + "x".repeat(512 - 6) + "\r\n"));

        assertThat(reply.findings()).isEmpty();
    }

    @Test
    void readsEnhancedStatusCodesPerLine() {
        Reply reply = onlyReply(feed("250-2.1.0 first\r\n250-second\r\n250 2.1.0 third\r\n"));

        assertThat(reply.enhancedStatusPerLine()).containsExactly(
                Optional.of(new EnhancedStatus(2, 1, 0)), Optional.empty(), Optional.of(new EnhancedStatus(2, 1, 0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"600 nope\r\n", "2x0 nope\r\n", "260 nope\r\n", "199 nope\r\n", "25\r\n", "\r\n", "hello\r\n"})
    void rejectsInvalidReplyCodesAndRecovers(String line) {
        List<Object> out = feed(line, "220 next\r\n");

        assertThat(out).hasSize(2);
        assertThat(((MalformedReply) out.get(0)).reason()).contains("does not start with a reply code");
        assertThat(((Reply) out.get(1)).code()).isEqualTo(220);
    }

    @Test
    void rejectsAnInvalidSeparator() {
        MalformedReply malformed = onlyMalformed(feed("250_OK\r\n"));

        assertThat(malformed.describe()).isEqualTo(
                "reply code not followed by SP, '-' or the line end (RFC 5321 §4.2): '250_OK\\r\\n'");
    }

    @Test
    void rejectsMixedCodesInOneReply() {
        List<Object> out = feed("250-first\r\n251 second\r\n220 next\r\n");

        assertThat(out).hasSize(2);
        assertThat(((MalformedReply) out.get(0)).reason())
                .isEqualTo("reply code changed from 250 to 251 within one multiline reply (RFC 5321 §4.2.1)");
        assertThat(((Reply) out.get(1)).lines()).containsExactly("next");
    }

    @Test
    void discardsTheRestOfAMalformedMultilineReply() {
        List<Object> out = feed("250-first\r\n251-second\r\n251 third\r\n220 next\r\n");

        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(MalformedReply.class);
        assertThat(((Reply) out.get(1)).lines()).containsExactly("next");
    }

    @Test
    void rejectsAnOverlongLineAndResynchronisesAtItsEnd() {
        ReplyDecoder small = new ReplyDecoder(100, 100);
        EmbeddedChannel ch = new EmbeddedChannel(small);
        ch.writeInbound(Unpooled.copiedBuffer("250 " + "y".repeat(200) + "\r\n220 next\r\n", StandardCharsets.US_ASCII));

        MalformedReply malformed = ch.readInbound();
        Reply next = ch.readInbound();

        assertThat(malformed.reason()).isEqualTo("reply line longer than 100 octets without a line end");
        assertThat(malformed.offending()).hasSize(Escaping.EXCERPT_BYTES);
        assertThat(next.lines()).containsExactly("next");
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void megabytesWithoutALineEndStayBounded() {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'z');
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            out.addAll(drain());
            assertThat(decoder.pendingBytes().length).isLessThan(4096);
        }
        out.addAll(feed("zzz\r\n220 next\r\n"));

        assertThat(out).hasSize(2);
        assertThat(((MalformedReply) out.get(0)).reason()).contains("longer than 4096 octets");
        assertThat(((Reply) out.get(1)).lines()).containsExactly("next");
    }

    @Test
    void anEndlessMultilineReplyStaysBounded() {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            out.addAll(feed("250-more\r\n"));
            assertThat(decoder.pendingBytes().length).isLessThanOrEqualTo(100 * "250-more\r\n".length());
        }
        out.addAll(feed("250 end\r\n", "220 next\r\n"));

        assertThat(out).hasSize(2);
        assertThat(((MalformedReply) out.get(0)).reason()).isEqualTo("reply has more than 100 lines");
        assertThat(((Reply) out.get(1)).lines()).containsExactly("next");
    }

    @Test
    void acceptsAReplyOfExactlyTheLineLimit() {
        String reply = "250-x\r\n".repeat(99) + "250 last\r\n";

        assertThat(onlyReply(feed(reply)).lines()).hasSize(100);
    }

    @Test
    void closeInTheMiddleOfAReplyIsMalformed() {
        feed("250-first\r\n250-sec");
        channel.finish();

        MalformedReply malformed = onlyMalformed(drain());
        assertThat(malformed.describe())
                .isEqualTo("connection closed in the middle of a reply: '250-first\\r\\n250-sec'");
    }

    @Test
    void handsOverUndecodedBytesForTheSwitchToTls() {
        Reply ready = onlyReply(feed("220 go ahead\r\n250-injected\r\n250 par"));

        assertThat(ready.code()).isEqualTo(220);
        assertThat(new String(decoder.takePendingBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("250-injected\r\n250 par");
        assertThat(decoder.pendingBytes()).isEmpty();
        assertThat(onlyReply(feed("250 fresh\r\n")).lines()).containsExactly("fresh");
    }
}
