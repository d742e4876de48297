package org.starttls.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionHandlerTest {

    private final Transcript transcript = new Transcript();
    private final SessionHandler handler = new SessionHandler(transcript);
    private final EmbeddedChannel channel = new EmbeddedChannel(handler.readStamp(), new ReplyDecoder(4096, 100), handler);

    private void receive(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    @Test
    void queuesRepliesAndWritesEachLineToTheTranscript() throws Exception {
        receive("250-first\r\n250 second\r\n");

        assertThat(handler.inbox().poll(Duration.ZERO))
                .isEqualTo(new Inbound.ReplyReceived(Reply.of(250, "first", "second"), false));
        assertThat(transcript.entries()).extracting(Transcript.Entry::text)
                .containsSubsequence("250-first", "250 second");
    }

    /** Issue 12, class 5: the greeting is due unasked; every other reply needs a command line sent before it. */
    @Test
    void aReplyThatNoSentCommandCanAccountForIsMarkedEarly() throws Exception {
        receive("220 greeting\r\n");
        handler.countSent(1);
        receive("250-first part\r\n250 ends early\r\n250-stray\r\n250 lines\r\n");
        receive("421 4.4.2 closing\r\n");

        assertThat(handler.inbox().poll(Duration.ZERO)).isEqualTo(new Inbound.ReplyReceived(Reply.of(220, "greeting"), false));
        assertThat(handler.inbox().poll(Duration.ZERO))
                .isEqualTo(new Inbound.ReplyReceived(Reply.of(250, "first part", "ends early"), false));
        assertThat(handler.inbox().poll(Duration.ZERO))
                .isEqualTo(new Inbound.ReplyReceived(Reply.of(250, "stray", "lines"), true));
        assertThat(handler.inbox().poll(Duration.ZERO)).as("a 421 may come at any time")
                .isEqualTo(new Inbound.ReplyReceived(Reply.of(421, "4.4.2 closing"), false));
        assertThat(transcript.render()).contains("250 lines\n").contains(
                "*** the reply above arrived before any command it could answer was sent");
    }

    @Test
    void queuesMalformedDataAsAnEvent() throws Exception {
        receive("999 what\r\n");

        assertThat(handler.inbox().poll(Duration.ZERO)).isInstanceOf(Inbound.MalformedReceived.class);
        assertThat(transcript.render()).contains("*** malformed reply: reply line does not start with a reply code");
    }

    @Test
    void stopsReadingWhileTheWorkerLagsBehind() {
        receive("250 ok\r\n".repeat(Inbox.CAPACITY - 1));
        assertThat(channel.config().isAutoRead()).isTrue();

        receive("250 ok\r\n");

        assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void aCloseStaysVisibleToEveryLaterPoll() throws Exception {
        channel.close();

        assertThat(handler.inbox().poll(Duration.ZERO)).isInstanceOf(Inbound.PeerClosed.class);
        assertThat(handler.inbox().poll(Duration.ZERO)).isInstanceOf(Inbound.PeerClosed.class);
        assertThat(handler.inbox().drain()).containsExactly(new Inbound.PeerClosed());
        assertThat(transcript.render()).contains("*** connection closed by server");
    }

    @Test
    void aFailureIsQueuedAndClosesTheConnection() throws Exception {
        IOException reset = new IOException("Connection reset by peer");
        channel.pipeline().fireExceptionCaught(reset);

        List<Inbound> items = handler.inbox().drain();

        assertThat(items).containsExactly(new Inbound.Failed(reset), new Inbound.PeerClosed());
        assertThat(channel.isActive()).isFalse();
        assertThat(transcript.render()).contains("*** error: Connection reset by peer");
    }

    @Test
    void tellsAClientCloseApart() {
        handler.closingByClient();
        channel.close();

        assertThat(transcript.render()).contains("*** connection closed by client");
    }
}
