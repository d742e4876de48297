package org.starttls.checks.client;

import java.util.List;
import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;

/**
 * After {@code 530 5.7.0 Must issue a STARTTLS command first} to MAIL in cleartext, the client does not send MAIL in
 * cleartext again, on that connection or a new one: it uses STARTTLS or gives up.
 */
final class NoRetryAfter530 extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        List<Event> events = session.events();
        Optional<Event> refused = Optional.empty();
        Event mail = null;
        for (Event e : events) {
            if (e.isClient("MAIL") && !e.tls()) {
                if (refused.isPresent()) {
                    return Outcome.fail("after '" + refused.get().text() + "' the client sent " + ClientSession.quote(e)
                            + " again in cleartext");
                }
                mail = e;
            } else if (mail != null && e.isReply("530") && e.connection() == mail.connection() && !e.tls()) {
                refused = Optional.of(e);
            }
        }
        if (refused.isEmpty() && !session.greeted()) {
            return Outcome.inconclusive("the client sent no EHLO or HELO, so it never got as far as a MAIL");
        }
        if (refused.isEmpty()) {
            return Outcome.notApplicable("the client sent no MAIL in cleartext, so no 530 came back to it");
        }
        return Outcome.pass("after '" + refused.get().text() + "' the client did not send MAIL in cleartext again"
                + (session.reachedTls() ? "; it went on with STARTTLS" : ""));
    }
}
