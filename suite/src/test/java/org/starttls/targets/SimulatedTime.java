package org.starttls.targets;

import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;

/**
 * Simulated time for one test thread: a wait advances the clock instead of sleeping, and runs the scheduled action
 * (a session that ends, closing its permit) that falls within it. No wall clock is read.
 */
final class SimulatedTime implements TimeSource {

    private record Event(long at, long seq, Runnable action) {
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
            : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void await(Condition condition, long nanos) {
        long until = now + nanos;
        Event next = events.peek();
        if (next != null && next.at <= until) {
            events.poll();
            now = Math.max(now, next.at);
            next.action.run();
        } else {
            now = until;
        }
    }

    /** Runs {@code action} when the clock reaches {@code at}. */
    void at(long at, Runnable action) {
        events.add(new Event(at, seq++, action));
    }

    /** Lets every scheduled action happen. */
    void runAll() {
        while (!events.isEmpty()) {
            Event e = events.poll();
            now = Math.max(now, e.at);
            e.action.run();
        }
    }

    long seconds() {
        return now / 1_000_000_000L;
    }
}
