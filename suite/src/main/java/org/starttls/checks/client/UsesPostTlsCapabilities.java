package org.starttls.checks.client;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;

/**
 * Inside TLS the client uses only what EHLO inside TLS offered: not AUTH PLAIN, not SIZE= or BODY=8BITMIME, which only
 * the cleartext EHLO listed, unless the control run shows it uses them whatever is offered ({@link KeptKnowledge}).
 */
final class UsesPostTlsCapabilities extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        Optional<InsideTls> tls = InsideTls.find(session);
        if (tls.isEmpty()) {
            return Outcome.inconclusive("the client never completed a TLS handshake, so what it kept from before cannot "
                    + "be seen");
        }
        List<Event> commands = tls.get().commands();
        Optional<Outcome> kept = KeptKnowledge.judge(session, commands, EnumSet.allOf(KeptKnowledge.Telltale.class),
                "the cleartext EHLO (EHLO inside TLS listed only AUTH LOGIN and ENHANCEDSTATUSCODES)");
        if (kept.isPresent()) {
            return kept.get();
        }
        if (commands.stream().noneMatch(e -> e.isClient("AUTH", "MAIL"))) {
            return Outcome.inconclusive("the client sent no AUTH and no MAIL inside TLS, where what it kept from the "
                    + "cleartext EHLO would show");
        }
        return Outcome.pass("inside TLS the client used only what EHLO inside TLS offered");
    }
}
