package org.starttls.checks.client;

import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;
import org.starttls.clientmode.Recording.Kind;

/** The client never completes a handshake in the retired version the server offers (TLS 1.0 or 1.1). */
final class RefusesOldTls extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        Optional<Event> hello = session.first(e -> e.kind() == Kind.CLIENT_HELLO);
        Optional<Event> up = session.first(e -> e.kind() == Kind.TLS_UP);
        if (up.isPresent()) {
            return Outcome.fail("the client completed the handshake in " + up.get().protocol() + ", a version it must "
                    + "not use" + hello.map(h -> " (" + h.text() + ")").orElse(""));
        }
        if (hello.isEmpty()) {
            return Outcome.inconclusive("the client never sent a ClientHello, so it never met the old version");
        }
        Optional<Event> failed = session.first(e -> e.kind() == Kind.TLS_FAILED);
        return Outcome.pass("the handshake did not complete" + failed.map(f -> " (" + f.text() + ")").orElse("")
                + "; " + hello.get().text());
    }
}
