package org.starttls.checks.client;

import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;

/** The client sends no AUTH (PLAIN, LOGIN: a password in the clear) before TLS, even when the server offers it. */
final class NoPasswordWithoutTls extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        Optional<Event> auth = session.firstClient(e -> e.isClient("AUTH") && !e.tls());
        if (auth.isPresent()) {
            return Outcome.fail("the client authenticated in cleartext: " + ClientSession.quote(auth.get())
                    + "; its password was readable on the wire");
        }
        if (!session.greeted()) {
            return Outcome.inconclusive("the client sent no EHLO or HELO, so it never saw the AUTH offered in cleartext");
        }
        return Outcome.pass("the client sent no AUTH in cleartext, though the server offered AUTH PLAIN LOGIN there");
    }
}
