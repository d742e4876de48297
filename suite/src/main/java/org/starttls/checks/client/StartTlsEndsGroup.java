package org.starttls.checks.client;

import java.util.List;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;
import org.starttls.clientmode.Recording.Kind;

/**
 * STARTTLS is the last command the client sends in cleartext: nothing pipelined behind it (it would travel in
 * cleartext, and a server that runs it inside TLS is the CVE-2011-0411 family).
 */
final class StartTlsEndsGroup extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        if (!session.sentStartTls()) {
            return Outcome.inconclusive("the client never sent STARTTLS");
        }
        for (int c = 1; c <= session.connections(); c++) {
            List<Event> events = session.connection(c);
            boolean afterStartTls = false;
            for (Event e : events) {
                if (e.kind() == Kind.TLS_UP || e.kind() == Kind.TLS_FAILED || e.kind() == Kind.CLIENT_HELLO) {
                    afterStartTls = false;
                } else if (e.kind() == Kind.CLIENT && !e.tls()) {
                    if (afterStartTls) {
                        return Outcome.fail("the client sent " + ClientSession.quote(e) + " behind STARTTLS, before "
                                + "the TLS handshake: STARTTLS was not the last command of its group");
                    }
                    afterStartTls = e.isClient("STARTTLS");
                }
            }
        }
        return Outcome.pass("nothing followed STARTTLS in cleartext; the next bytes were the TLS handshake");
    }
}
