package org.starttls.checks.client;

import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;
import org.starttls.clientmode.Recording.Kind;

/**
 * Reply lines injected after the {@code 220} to STARTTLS, before the handshake, are not acted on inside TLS. Seen in
 * what the client does next: it uses AUTH PLAIN, which only the injected lines offered, or it sends a command inside TLS
 * before the server has answered the one before (it read a stale, injected reply as the answer).
 */
final class DiscardsInjectedReplies extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        Optional<InsideTls> tls = InsideTls.find(session);
        if (tls.isEmpty()) {
            if (session.sentStartTls() && session.first(e -> e.kind() == Kind.TLS_FAILED).isPresent()) {
                return Outcome.pass("the client's TLS handshake failed on the injected lines; it never acted on them "
                        + "inside TLS");
            }
            return Outcome.inconclusive("the client never completed a TLS handshake after STARTTLS, so what it did with "
                    + "the injected lines cannot be seen");
        }
        Optional<Event> injectedMechanism = tls.get().firstCommand(e -> e.text().toUpperCase(java.util.Locale.ROOT)
                .startsWith("AUTH PLAIN"));
        if (injectedMechanism.isPresent()) {
            return Outcome.fail("inside TLS the client used the mechanism only the injected cleartext lines offered: "
                    + ClientSession.quote(injectedMechanism.get()) + " (EHLO inside TLS offered AUTH LOGIN only)");
        }
        Optional<String> early = commandBeforeReply(tls.get());
        if (early.isPresent()) {
            return Outcome.fail(early.get());
        }
        return Outcome.pass("inside TLS the client waited for each reply and used only what EHLO inside TLS offered");
    }

    /** A command that arrived while the reply to the one before it had not been sent: it read a reply that was not ours. */
    static Optional<String> commandBeforeReply(InsideTls tls) {
        Event pending = null;
        for (Event e : tls.events()) {
            if (e.kind() == Kind.CLIENT) {
                if (pending != null) {
                    return Optional.of("inside TLS the client sent " + ClientSession.quote(e) + " before the server had "
                            + "answered '" + pending.text() + "' (no PIPELINING was offered): it took an injected "
                            + "cleartext line for the answer");
                }
                pending = e;
            } else if (e.kind() == Kind.SERVER && e.text().length() >= 4 && e.text().charAt(3) == ' ') {
                pending = null;
            }
        }
        return Optional.empty();
    }
}
