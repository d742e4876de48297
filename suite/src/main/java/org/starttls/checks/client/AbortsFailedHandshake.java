package org.starttls.checks.client;

import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;

/**
 * A client whose TLS handshake after STARTTLS fails aborts the connection: no further SMTP command in cleartext on it
 * (a QUIT, which ends it, is noted but allowed).
 */
final class AbortsFailedHandshake extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        Optional<AfterReady> ready = AfterReady.find(session);
        if (ready.isEmpty() || ready.get().hello().isEmpty()) {
            return Outcome.inconclusive(ready.isEmpty() ? "the client never sent STARTTLS"
                    : "the client never started a TLS handshake after the 220, so it never saw one fail");
        }
        Event hello = ready.get().hello().get();
        Optional<Event> onward = ready.get().cleartextLine(e -> ready.get().before(hello, e) && !e.isClient("QUIT"));
        if (onward.isPresent()) {
            return Outcome.fail("the handshake failed and the client went on in cleartext on the same connection: "
                    + ClientSession.quote(onward.get()));
        }
        boolean quit = ready.get().cleartextLine(e -> e.isClient("QUIT")).isPresent();
        return Outcome.pass("the handshake failed and the client " + (quit ? "sent QUIT in cleartext and " : "")
                + "sent no other command on that connection");
    }
}
