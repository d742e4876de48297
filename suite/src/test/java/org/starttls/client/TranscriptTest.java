package org.starttls.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TranscriptTest {

    @Test
    void rendersSecondsAndMillisecondsBeforeTheDirection() {
        assertThat(new Transcript.Entry(Duration.ofMillis(12), Transcript.Direction.RECEIVED, "250-localhost greets x")
                .render()).isEqualTo("  0.012 <<< 250-localhost greets x");
        assertThat(new Transcript.Entry(Duration.ofMillis(61_005), Transcript.Direction.SENT, "QUIT").render())
                .isEqualTo(" 61.005 >>> QUIT");
    }

    @Test
    void keepsEntriesInOrderWithNonDecreasingTimes() {
        Transcript transcript = new Transcript();
        transcript.event("connected");
        transcript.sent("EHLO x");
        transcript.received("250 ok");

        assertThat(transcript.entries()).extracting(Transcript.Entry::direction).containsExactly(
                Transcript.Direction.EVENT, Transcript.Direction.SENT, Transcript.Direction.RECEIVED);
        assertThat(transcript.entries()).extracting(Transcript.Entry::at).isSorted();
        assertThat(transcript.render().lines()).hasSize(3).last().asString().endsWith("<<< 250 ok");
    }
}
