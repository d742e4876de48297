package org.starttls.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What happened in one session, in order: lines sent, reply lines received and events, each with
 * its time since the session started. Thread-safe: the event loop appends while a worker reads.
 */
public final class Transcript {

    public enum Direction {
        SENT(">>>"), RECEIVED("<<<"), EVENT("***");

        private final String marker;

        Direction(String marker) {
            this.marker = marker;
        }

        public String marker() {
            return marker;
        }
    }

    /** One line of the transcript; {@code at} is relative to the session start. */
    public record Entry(Duration at, Direction direction, String text) {

        /** E.g. {@code "  0.012 <<< 250-localhost greets x"}. */
        public String render() {
            long millis = at.toMillis();
            return String.format(Locale.ROOT, "%3d.%03d %s %s", millis / 1000, millis % 1000, direction.marker(), text);
        }
    }

    private final long startNanos = System.nanoTime();
    private final List<Entry> entries = new ArrayList<>();

    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    public String render() {
        return entries().stream().map(Entry::render).collect(Collectors.joining("\n"));
    }

    /** Adds a note, e.g. from a script runner that wants its steps next to the wire traffic. */
    public void event(String text) {
        add(Direction.EVENT, text);
    }

    void sent(String text) {
        add(Direction.SENT, text);
    }

    void received(String text) {
        add(Direction.RECEIVED, text);
    }

    private void add(Direction direction, String text) {
        Entry entry = new Entry(Duration.ofNanos(System.nanoTime() - startNanos), direction, text);
        synchronized (entries) {
            entries.add(entry);
        }
    }
}
