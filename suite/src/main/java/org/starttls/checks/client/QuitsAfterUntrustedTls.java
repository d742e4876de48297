package org.starttls.checks.client;

import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;
import org.starttls.clientmode.Recording.Kind;

/**
 * A client that finds the TLS session not good enough ends it: it aborts the handshake, or sends QUIT as its first
 * command inside TLS. Any other command inside a session with a certificate it had to refuse is going on with it.
 */
final class QuitsAfterUntrustedTls extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        Optional<InsideTls> tls = InsideTls.find(session);
        if (tls.isEmpty()) {
            boolean tried = session.first(e -> e.kind() == Kind.CLIENT_HELLO || e.kind() == Kind.TLS_FAILED).isPresent();
            return tried ? Outcome.pass("the client aborted the TLS handshake")
                    : Outcome.inconclusive("the client never started a TLS handshake");
        }
        Optional<Event> onward = tls.get().firstCommand(e -> !e.isClient("QUIT"));
        Optional<Event> quit = tls.get().firstCommand(e -> e.isClient("QUIT"));
        if (onward.isPresent() && (quit.isEmpty() || onward.get().at().compareTo(quit.get().at()) < 0)) {
            return Outcome.fail("the client completed the handshake with a certificate it had to refuse and went on: "
                    + ClientSession.quote(onward.get()));
        }
        return Outcome.pass(quit.isPresent() ? "the client sent QUIT right after the handshake"
                : "the client completed the handshake and sent nothing inside it");
    }
}
