package org.starttls.checks.client;

import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;
import org.starttls.clientmode.Recording.Kind;

/** On an implicit-TLS account the client speaks TLS from its first byte: not one SMTP line in cleartext. */
final class TlsFromFirstByte extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        Optional<Event> plaintext = session.firstClient(e -> !e.tls());
        if (plaintext.isPresent()) {
            return Outcome.fail("the client spoke SMTP in cleartext on its implicit-TLS account: "
                    + ClientSession.quote(plaintext.get()));
        }
        if (session.first(e -> e.kind() == Kind.CLIENT_HELLO).isEmpty()) {
            return Outcome.inconclusive("the client sent neither an SMTP line nor a TLS ClientHello, so its first bytes "
                    + "were never seen");
        }
        return Outcome.pass("the client sent no SMTP line in cleartext; its first bytes were a TLS ClientHello");
    }
}
