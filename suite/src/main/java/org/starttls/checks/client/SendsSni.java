package org.starttls.checks.client;

import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;
import org.starttls.clientmode.Recording.Kind;
import org.starttls.clientmode.ServerKit;

/** The ClientHello names the server the client was told to expect ({@code SMTP_TEST_SERVERNAME}) in SNI. */
final class SendsSni extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        Optional<Event> hello = session.first(e -> e.kind() == Kind.CLIENT_HELLO);
        if (hello.isEmpty()) {
            return Outcome.inconclusive("the client sent no ClientHello");
        }
        String sni = hello.get().sni();
        if (ServerKit.SERVER_NAME.equalsIgnoreCase(sni)) {
            return Outcome.pass("the ClientHello names " + sni + " in SNI");
        }
        return Outcome.fail("the ClientHello " + (sni == null ? "has no SNI" : "names " + sni + " in SNI") + ", not "
                + ServerKit.SERVER_NAME + " (" + hello.get().text() + ")");
    }
}
