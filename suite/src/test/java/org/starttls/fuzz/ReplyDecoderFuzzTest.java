package org.starttls.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the reply decoder with Jazzer. The test command runs the seed corpus (regression mode); with
 * {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration} (README, "Fuzzing").
 */
class ReplyDecoderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decoderStaysWithinItsCaps(FuzzedDataProvider data) {
        int[] cuts = data.consumeInts(8);
        DecoderProperty.check(data.consumeRemainingAsBytes(), cuts);
    }
}
