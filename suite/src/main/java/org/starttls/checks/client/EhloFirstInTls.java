package org.starttls.checks.client;

import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;

/** The first command inside TLS is EHLO. */
final class EhloFirstInTls extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        Optional<InsideTls> tls = InsideTls.find(session);
        if (tls.isEmpty()) {
            return Outcome.inconclusive("the client never completed a TLS handshake");
        }
        Optional<Event> first = tls.get().firstCommand(e -> true);
        if (first.isEmpty()) {
            return Outcome.inconclusive("the client sent nothing inside TLS");
        }
        if (first.get().isClient("EHLO")) {
            return Outcome.pass("the first command inside TLS was " + ClientSession.quote(first.get()));
        }
        if (first.get().isClient("QUIT")) {
            return Outcome.inconclusive("the client quit right after the handshake, before any EHLO");
        }
        return Outcome.fail("the first command inside TLS was " + ClientSession.quote(first.get()) + ", not EHLO");
    }
}
