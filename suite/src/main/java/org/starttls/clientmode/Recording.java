package org.starttls.clientmode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.starttls.client.Transcript;

/**
 * Everything the fake server of one case saw and did, on every connection the client under test opened, in order and
 * with the time since the server started: each line the client sent (marked cleartext or inside TLS), each reply line the
 * server sent, what the ClientHello offered, how each TLS handshake ended. Passwords never get in: the recorder masks
 * AUTH initial responses and SASL responses, and keeps only the number of message lines. Thread-safe: the server's event
 * loops append while the case reads.
 */
public final class Recording {

    /** What an event is. */
    public enum Kind {
        /** The client opened a connection. */
        CONNECTED,
        /** A line the client sent, {@code text} without CRLF (masked where it carries a secret). */
        CLIENT,
        /** A reply line the fake server sent. */
        SERVER,
        /** A TLS ClientHello: {@code sni} and {@code protocol} (the highest version it offers). */
        CLIENT_HELLO,
        /** A completed TLS handshake: {@code protocol}, {@code sni}. */
        TLS_UP,
        /** A TLS handshake that failed; {@code text} says why. */
        TLS_FAILED,
        /** What the fake server did on purpose (the scenario speaking), or a fact worth showing. */
        NOTE,
        /** The connection closed. */
        CLOSED
    }

    /**
     * One event.
     *
     * @param connection 1 for the client's first connection, 2 for its second, ...
     * @param at         time since the fake server started
     * @param tls        a TLS handshake had completed on the connection when it happened
     * @param sni        the server name in the ClientHello or the TLS session, if any
     * @param protocol   the TLS protocol offered or negotiated, if this is a TLS event
     * @param read       for a client line, the number of the read that brought it: lines with the same number arrived
     *                   together, so the later ones were sent before the reply to the earlier could have arrived
     */
    public record Event(int connection, Duration at, Kind kind, boolean tls, String text, String sni, String protocol,
                        int read) {

        /** The verb of a client line, upper case ({@code MAIL}); empty for other events. */
        public String verb() {
            return kind == Kind.CLIENT ? text.split(" ", 2)[0].toUpperCase(Locale.ROOT) : "";
        }

        public boolean isClient(String... verbs) {
            return kind == Kind.CLIENT && (verbs.length == 0 || List.of(verbs).contains(verb()));
        }

        /** A reply line with this code, e.g. {@code isReply("220")}. */
        public boolean isReply(String code) {
            return kind == Kind.SERVER && text.startsWith(code);
        }

        /** The transcript line: {@code >>>} what the suite (the server) sent, {@code <<<} what the client sent. */
        public String render() {
            Transcript.Direction direction = switch (kind) {
                case CLIENT -> Transcript.Direction.RECEIVED;
                case SERVER -> Transcript.Direction.SENT;
                default -> Transcript.Direction.EVENT;
            };
            String where = kind == Kind.CLIENT || kind == Kind.SERVER ? (tls ? " [tls]   " : " [clear] ") : " ";
            return new Transcript.Entry(at, direction, "#" + connection + where + text).render();
        }
    }

    /** The whole transcript of a case whose client never connected. */
    public static final String NEVER_CONNECTED = "(the client under test never connected to the fake server)";

    private final long started = System.nanoTime();
    private final List<Event> events = new ArrayList<>();
    private int connections;
    private int open;

    /** Every event so far, in order. */
    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The events of one connection, in order. */
    public List<Event> connection(int connection) {
        return events().stream().filter(e -> e.connection() == connection).toList();
    }

    /** How many connections the client opened. */
    public synchronized int connections() {
        return connections;
    }

    /** The first event that matches, if any. */
    public Optional<Event> first(Predicate<Event> test) {
        return events().stream().filter(test).findFirst();
    }

    /** The recording as transcript lines, with a legend first. */
    public String render() {
        List<Event> all = events();
        if (all.isEmpty()) {
            return NEVER_CONNECTED;
        }
        return "# the suite played the server: >>> what it sent, <<< what the client under test sent, *** events;\n"
                + "# [clear] cleartext, [tls] inside TLS; #1, #2: the client's first, second connection\n"
                + all.stream().map(Event::render).collect(Collectors.joining("\n"));
    }

    /**
     * Waits until every connection the server accepted has closed (a client that has exited has closed its sockets, but
     * the server may not have read that yet), at most {@code bound}; false when some are still open.
     */
    public synchronized boolean awaitAllClosed(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (open > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** A new connection: its number. */
    synchronized int opened() {
        open++;
        return ++connections;
    }

    synchronized void closed() {
        open--;
        notifyAll();
    }

    void add(int connection, Kind kind, boolean tls, String text, String sni, String protocol) {
        add(connection, kind, tls, text, sni, protocol, 0);
    }

    void add(int connection, Kind kind, boolean tls, String text, String sni, String protocol, int read) {
        Event event = new Event(connection, Duration.ofNanos(System.nanoTime() - started), kind, tls, text, sni, protocol,
                read);
        synchronized (events) {
            events.add(event);
        }
    }
}
