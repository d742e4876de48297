package org.starttls.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the scenario script parser with Jazzer. The test command runs the seed corpus (regression mode); with
 * {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration} (README, "Fuzzing").
 */
class ScriptParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parserAcceptsOrNamesTheLine(FuzzedDataProvider data) {
        ScriptProperty.check(data.consumeRemainingAsString());
    }
}
