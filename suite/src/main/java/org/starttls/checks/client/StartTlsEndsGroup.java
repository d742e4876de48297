package org.starttls.checks.client;

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
            Event startTls = null;
            for (Event e : session.connection(c)) {
                if (e.kind() != Kind.CLIENT || e.tls()) {
                    continue;
                }
                // only a line that arrived in the same read as STARTTLS was pipelined behind it; a line after the
                // server's reply (a refusal, a 220 without handshake) is the client going on, not a group
                if (startTls != null && e.read() == startTls.read()) {
                    return Outcome.fail("the client sent " + ClientSession.quote(e) + " behind STARTTLS, in the same "
                            + "write, before the server's reply: STARTTLS was not the last command of its group");
                }
                startTls = e.isClient("STARTTLS") ? e : null;
            }
        }
        return Outcome.pass("nothing followed STARTTLS in cleartext; the next bytes were the TLS handshake");
    }
}
