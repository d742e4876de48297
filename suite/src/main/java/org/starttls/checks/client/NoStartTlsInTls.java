package org.starttls.checks.client;

import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;

/** Once TLS is up the client never sends STARTTLS again, even when EHLO inside TLS lists it. */
final class NoStartTlsInTls extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        Optional<Event> second = session.firstClient(e -> e.isClient("STARTTLS") && e.tls());
        if (second.isPresent()) {
            return Outcome.fail("the client sent " + ClientSession.quote(second.get()) + " with TLS already active");
        }
        if (!session.reachedTls()) {
            return Outcome.inconclusive("the client never completed a TLS handshake");
        }
        if (session.firstClient(e -> e.isClient("EHLO") && e.tls()).isEmpty()) {
            return Outcome.inconclusive("the client sent no EHLO inside TLS, so it never saw STARTTLS listed there");
        }
        return Outcome.pass("inside TLS the client did not send STARTTLS, though EHLO listed it");
    }
}
