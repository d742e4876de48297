package org.starttls.checks.client;

import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;

/**
 * A client that requires TLS sends no password and no mail (AUTH, MAIL, RCPT, DATA, BDAT) unless it is inside a TLS
 * session it should trust: not in cleartext, not inside TLS with a certificate or protocol it must refuse.
 */
final class NoTransactionWithoutTrustedTls extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        boolean trusted = session.scenario().tlsAcceptable();
        Optional<Event> leak = session.firstClient(e -> ClientSession.TRANSACTION.contains(e.verb())
                && !(e.tls() && trusted));
        if (leak.isPresent()) {
            return Outcome.fail("the client sent " + ClientSession.quote(leak.get())
                    + (leak.get().tls() ? ", a TLS session it had to refuse" : ""));
        }
        return Outcome.pass("the client sent no AUTH, MAIL, RCPT or DATA " + (trusted ? "in cleartext"
                : "in cleartext or inside the TLS session it had to refuse"));
    }
}
