package org.starttls.checks.client;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;
import org.starttls.clientmode.Recording.Kind;
import org.starttls.clientmode.Scenario;

/**
 * Reply lines injected after the {@code 220} to STARTTLS, before the handshake, are not acted on inside TLS. Seen in
 * what the client does while the server holds back its first reply inside TLS: a client that read the injected lines as
 * that reply sends its next command before the real one went out. Also seen when it uses AUTH PLAIN, which only the
 * injected lines offered, unless the control run shows it uses PLAIN whatever is offered ({@link KeptKnowledge}).
 */
final class DiscardsInjectedReplies extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        Optional<InsideTls> tls = InsideTls.find(session);
        if (tls.isEmpty()) {
            if (session.sentStartTls() && session.first(e -> e.kind() == Kind.TLS_FAILED).isPresent()) {
                return handshakeFailed(session);
            }
            return Outcome.inconclusive("the client never completed a TLS handshake after STARTTLS, so what it did with "
                    + "the injected lines cannot be seen");
        }
        List<Event> commands = tls.get().commands();
        if (commands.isEmpty()) {
            return Outcome.inconclusive("the client sent nothing inside TLS, so whether it took the injected lines for a "
                    + "reply cannot be seen");
        }
        Optional<Event> early = commandDuringHold(tls.get());
        if (early.isPresent()) {
            return Outcome.fail("inside TLS the client sent " + ClientSession.quote(early.get()) + " while the server "
                    + "still held its reply to '" + commands.get(0).text() + "' (no PIPELINING was offered): it took the "
                    + "injected cleartext lines for the answer");
        }
        Optional<Event> released = tls.get().events().stream().filter(e -> e.kind() == Kind.SERVER).findFirst();
        if (released.isEmpty()) {
            return Outcome.inconclusive("the connection ended while the server held its reply to '"
                    + commands.get(0).text() + "', so whether the client would have waited for it cannot be seen");
        }
        Optional<Outcome> kept = KeptKnowledge.judge(session, commands, EnumSet.of(KeptKnowledge.Telltale.AUTH_PLAIN),
                "the injected cleartext lines (EHLO inside TLS offered AUTH LOGIN only)");
        if (kept.isPresent()) {
            return kept.get();
        }
        return Outcome.pass("inside TLS the client waited for the held reply to '" + commands.get(0).text() + "' and "
                + "used nothing only the injected lines offered");
    }

    /**
     * The handshake failed in the injection run. That is the client refusing the injected lines only if the same client
     * completes a handshake when nothing is injected (the control run); a client that fails every handshake (it does not
     * trust the CA, it offers no TLS version the server takes) shows nothing about the injection.
     */
    private static Outcome handshakeFailed(ClientSession session) {
        Optional<ClientSession> control = session.control(Scenario.CAPABILITIES_CONTROL);
        if (control.flatMap(InsideTls::find).isPresent()) {
            return Outcome.pass("the client's TLS handshake failed on the injected lines, while in the control run, "
                    + "with nothing injected, the same client completed it: it never acted on them inside TLS");
        }
        return Outcome.inconclusive("the client's TLS handshake failed after the injected lines, but in the control run, "
                + "with nothing injected, it completed no handshake either (" + control.map(ClientSession::ending)
                .orElse("the control run could not be played") + "), so the failure is not tied to the injection");
    }

    /**
     * A command the client sent while the server held back its first reply inside TLS: the client had read a reply that
     * was not the server's. Only that window is judged; a later slip in lockstep (a QUIT written before the reply to the
     * end of the message) is RFC 5321's business, not this rule's.
     */
    static Optional<Event> commandDuringHold(InsideTls tls) {
        boolean first = true;
        for (Event e : tls.events()) {
            if (e.kind() == Kind.SERVER) {
                return Optional.empty();
            }
            if (e.kind() == Kind.CLIENT) {
                if (!first) {
                    return Optional.of(e);
                }
                first = false;
            }
        }
        return Optional.empty();
    }
}
