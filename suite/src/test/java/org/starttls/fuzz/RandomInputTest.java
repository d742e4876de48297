package org.starttls.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fuzz properties on inputs from a fixed-seed random generator, so that every test run explores the same few
 * thousand inputs beyond the Jazzer seed corpus (regression mode runs only the corpus). Inputs are built from
 * SMTP-shaped fragments, which reach deeper than uniform noise.
 */
class RandomInputTest {

    private static final long SEED = 3207;
    private static final int RUNS = 20_000;

    private static final List<String> REPLY_PARTS = List.of("220", "250", "250-", "421 ", "530 5.7.0 ", "5", "99", "\r\n",
            "\n", "\r", " ", "-", "x", "STARTTLS", "\u00ff", "\u0000", "2.0.0", "250 ", "354", "600 ");
    private static final List<String> SCRIPT_PARTS = List.of("@id RFC3207-4-SHOULD-530", "@quote ", "@needs ", "tls:",
            "STARTTLS", "# c", "S: ", "S! ", "C: ", "C~ ", "TLS", "TLS!", "CLOSE", "CLOSE!", "QUIET ", "QUIET! ", "1s",
            "500ms", "99999999999999999999s", "0ms", "250", "5xx", "530|554", "5.7.0", "+AUTH", "-STARTTLS", "/", "/a(/",
            "/[/", "${helo}", "${auth_plain}", "${", "}", "\\", "\\x", "\\x4", "\\xZZ", "\\r\\n", "\n", "\r\n", "\r",
            " ", "\t", "!", "|", "\u00e9", "\ud800");

    @Test
    void theDecoderStaysWithinItsCapsOnRandomReplies() {
        Random random = new Random(SEED);
        for (int run = 0; run < RUNS; run++) {
            byte[] stream = compose(random, REPLY_PARTS, 40).getBytes(StandardCharsets.ISO_8859_1);
            int[] cuts = random.ints(random.nextInt(8)).toArray();
            DecoderProperty.check(stream, cuts);
        }
    }

    @Test
    void theParserAcceptsOrNamesTheLineOnRandomScripts() {
        Random random = new Random(SEED);
        for (int run = 0; run < RUNS; run++) {
            ScriptProperty.check(compose(random, SCRIPT_PARTS, 30));
        }
    }

    private static String compose(Random random, List<String> parts, int maxParts) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxParts); i > 0; i--) {
            text.append(random.nextInt(10) == 0 ? String.valueOf((char) random.nextInt(0x300)) : parts.get(random.nextInt(parts.size())));
        }
        return text.toString();
    }
}
