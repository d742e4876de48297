package org.starttls.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The end of a case's time budget. Every blocking wait of a session limited by it waits at most until then,
 * so a tarpit that answers each line just under the reply timeout cannot stretch a case to steps x timeout.
 */
public final class Deadline {

    /** No budget: waits are bounded by their own timeouts only. */
    public static final Deadline NONE = new Deadline(Duration.ZERO, Long.MAX_VALUE);

    private final Duration budget;
    private final AtomicLong endNanos;

    private Deadline(Duration budget, long endNanos) {
        this.budget = budget;
        this.endNanos = new AtomicLong(endNanos);
    }

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget) {
        return new Deadline(budget, System.nanoTime() + budget.toNanos());
    }

    public Duration budget() {
        return budget;
    }

    public boolean expired() {
        return this != NONE && System.nanoTime() - endNanos.get() >= 0;
    }

    /** What is left of the budget; {@link Duration#ZERO} once it is used up. */
    public Duration remaining() {
        return this == NONE ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(Math.max(0, endNanos.get() - System.nanoTime()));
    }

    /**
     * Moves the end later by {@code time} that was not the server's to use: the run's politeness waits before a
     * connection ({@link SessionGate}) do not eat into a case's budget.
     */
    public void extend(Duration time) {
        if (this != NONE) {
            endNanos.addAndGet(time.toNanos());
        }
    }

    /** {@code wait}, shortened to what is left of the budget. */
    Duration cap(Duration wait) {
        if (this == NONE) {
            return wait;
        }
        Duration left = remaining();
        return left.compareTo(wait) < 0 ? left : wait;
    }

    /** Throws when nothing is left of the budget. */
    public void check(String what) throws BudgetExhaustedException {
        if (expired()) {
            throw new BudgetExhaustedException(budget, what);
        }
    }
}
