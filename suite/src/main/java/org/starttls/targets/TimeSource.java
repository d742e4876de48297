package org.starttls.targets;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/** The clock and the timed wait of the {@link PerIpLimiter}; tests replace both with a simulated clock. */
public interface TimeSource {

    /** The system's monotonic clock; waits on the condition for real. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void await(Condition condition, long nanos) throws InterruptedException {
            condition.await(nanos, TimeUnit.NANOSECONDS);
        }
    };

    long nanoTime();

    /** Waits on {@code condition} (its lock held) until signalled or {@code nanos} have passed, whichever is first. */
    void await(Condition condition, long nanos) throws InterruptedException;
}
