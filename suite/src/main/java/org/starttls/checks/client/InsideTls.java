package org.starttls.checks.client;

import java.util.List;
import java.util.Optional;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;
import org.starttls.clientmode.Recording.Kind;

/** The events of the first connection on which a TLS handshake completed, from the handshake on. */
record InsideTls(int connection, Event handshake, List<Event> events) {

    static Optional<InsideTls> find(ClientSession session) {
        for (int c = 1; c <= session.connections(); c++) {
            List<Event> events = session.connection(c);
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).kind() == Kind.TLS_UP) {
                    return Optional.of(new InsideTls(c, events.get(i), events.subList(i + 1, events.size())));
                }
            }
        }
        return Optional.empty();
    }

    /** The lines the client sent inside TLS. */
    List<Event> commands() {
        return events.stream().filter(e -> e.kind() == Kind.CLIENT).toList();
    }

    Optional<Event> firstCommand(java.util.function.Predicate<Event> test) {
        return commands().stream().filter(test).findFirst();
    }
}
