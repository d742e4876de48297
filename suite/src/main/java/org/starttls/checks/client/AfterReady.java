package org.starttls.checks.client;

import java.util.List;
import java.util.Optional;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;
import org.starttls.clientmode.Recording.Kind;

/**
 * What the client did on one connection after the server's {@code 220} to its STARTTLS: the events from that reply
 * on, up to a completed handshake if there was one. Shared by the checks of RFC 3207 §4 on the "220 without a handshake"
 * scenario.
 */
record AfterReady(int connection, Event startTls, List<Event> events) {

    /** The first connection where a STARTTLS in cleartext got a 220, with the events after that 220. */
    static Optional<AfterReady> find(ClientSession session) {
        for (int c = 1; c <= session.connections(); c++) {
            List<Event> events = session.connection(c);
            Event startTls = null;
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                if (e.isClient("STARTTLS") && !e.tls()) {
                    startTls = e;
                } else if (startTls != null && e.isReply("220")) {
                    int end = i + 1;
                    while (end < events.size() && events.get(end).kind() != Kind.TLS_UP) {
                        end++;
                    }
                    return Optional.of(new AfterReady(c, startTls, events.subList(i + 1, end)));
                }
            }
        }
        return Optional.empty();
    }

    /** The ClientHello the client sent after the 220, if it sent one. */
    Optional<Event> hello() {
        return events.stream().filter(e -> e.kind() == Kind.CLIENT_HELLO).findFirst();
    }

    /** The first cleartext line the client sent after the 220 that matches. */
    Optional<Event> cleartextLine(java.util.function.Predicate<Event> test) {
        return events.stream().filter(e -> e.kind() == Kind.CLIENT && !e.tls() && test.test(e)).findFirst();
    }

    /** Whether {@code first} came before {@code second} in this connection's record. */
    boolean before(Event first, Event second) {
        return events.indexOf(first) < events.indexOf(second);
    }
}
