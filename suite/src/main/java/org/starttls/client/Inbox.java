package org.starttls.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The per-session queue between the event loop (producer) and one worker thread (consumer). It is
 * bounded by back-pressure: {@link SessionHandler} stops reading while it is {@link #full()}.
 */
final class Inbox {

    /** A flooding server cannot queue more than this before reading pauses. */
    static final int CAPACITY = 100;

    private final BlockingDeque<Inbound> queue = new LinkedBlockingDeque<>();

    void add(Inbound item) {
        queue.add(item);
    }

    boolean full() {
        return queue.size() >= CAPACITY;
    }

    /** The next item, or null after {@code timeout}; a close is returned and kept. */
    Inbound poll(Duration timeout) throws InterruptedException {
        Inbound next = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (next instanceof Inbound.PeerClosed) {
            queue.addFirst(next);
        }
        return next;
    }

    /** Everything queued now; a close is returned and kept. */
    List<Inbound> drain() {
        List<Inbound> items = new ArrayList<>();
        queue.drainTo(items);
        items.stream().filter(Inbound.PeerClosed.class::isInstance).findFirst().ifPresent(queue::addFirst);
        return items;
    }
}
