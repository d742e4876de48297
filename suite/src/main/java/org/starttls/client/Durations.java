package org.starttls.client;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as people write them: the one formatter of every message that names a wait, a timeout or a window. */
public final class Durations {

    private Durations() {
    }

    /** {@code 5s}, {@code 300ms}, {@code 1.5s}: as {@code smtp.timeout} is written. */
    public static String human(Duration duration) {
        return human(duration, "");
    }

    /** {@code 5 s}, {@code 300 ms}, {@code 1.5 s}: in the sentences that print limits and bounds. */
    public static String spaced(Duration duration) {
        return human(duration, " ");
    }

    private static String human(Duration duration, String space) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + space + "ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + space + "s";
    }
}
