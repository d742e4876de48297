package org.starttls.checks.server;

import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.checks.Dialog;
import org.starttls.client.DesynchronisedException;
import org.starttls.client.Reply;

/**
 * A 220 greeting that the server sends unasked inside TLS right after the STARTTLS handshake. RFC3207-4.2-INFO-NO-
 * GREETING-AFTER-TLS judges it; it answers no command (no command inside TLS is answered 220), so a case that counts
 * the replies inside TLS cannot take it for a reply, early or not: such a case is INCONCLUSIVE, naming the greeting.
 */
final class StrayGreeting {

    private StrayGreeting() {
    }

    /** The greeting, when {@code reply} is the first one read inside TLS and a 220. */
    static Optional<Reply> in(Reply reply) {
        return reply.code() == 220 ? Optional.of(reply) : Optional.empty();
    }

    /** The greeting, when the reply that came before any command inside TLS was a 220. */
    static Optional<Reply> in(DesynchronisedException early) {
        return early.reply().flatMap(StrayGreeting::in);
    }

    /** The INCONCLUSIVE outcome of a case that met {@code greeting} where it waited for the reply to {@code command}. */
    static Outcome unjudged(Reply greeting, String command) {
        return Outcome.inconclusive("a 220 greeting came inside TLS right after the handshake (" + Dialog.oneLine(greeting)
                + "): a second greeting, which RFC3207-4.2-INFO-NO-GREETING-AFTER-TLS reports, not a reply to " + command
                + " (no command inside TLS is answered 220), so the replies inside TLS cannot be counted against the "
                + "commands");
    }
}
