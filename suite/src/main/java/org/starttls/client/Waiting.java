package org.starttls.client;

import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Bounded, interruptible waits for the blocking API. */
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
}
