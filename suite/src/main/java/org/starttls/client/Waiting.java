package org.starttls.client;

import io.netty.util.concurrent.Future;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Bounded, interruptible waits for the blocking API, and durations as people write them. */
final class Waiting {

    private Waiting() {
    }

    /** Waits for {@code future}; false when it did not complete in time. Interruption ends the wait with an exception. */
    static boolean await(Future<?> future, Duration timeout, String what) throws SessionException {
        try {
            return future.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException("interrupted while waiting for " + what, e);
        }
    }

    /** {@code 5s}, {@code 300ms}, {@code 1.5s}. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
