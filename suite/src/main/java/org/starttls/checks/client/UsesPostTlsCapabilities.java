package org.starttls.checks.client;

import java.util.Locale;
import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;

/**
 * Inside TLS the client uses only what EHLO inside TLS offered: not AUTH PLAIN, not SIZE= or BODY=8BITMIME, which only
 * the cleartext EHLO listed.
 */
final class UsesPostTlsCapabilities extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        Optional<InsideTls> tls = InsideTls.find(session);
        if (tls.isEmpty()) {
            return Outcome.inconclusive("the client never completed a TLS handshake, so what it kept from before cannot "
                    + "be seen");
        }
        Optional<Event> stale = tls.get().firstCommand(UsesPostTlsCapabilities::usesCleartextOnly);
        if (stale.isPresent()) {
            return Outcome.fail("inside TLS the client used a capability only the cleartext EHLO listed: "
                    + ClientSession.quote(stale.get()) + " (EHLO inside TLS listed only AUTH LOGIN and "
                    + "ENHANCEDSTATUSCODES)");
        }
        return Outcome.pass("inside TLS the client used only what EHLO inside TLS offered");
    }

    private static boolean usesCleartextOnly(Event e) {
        String line = e.text().toUpperCase(Locale.ROOT);
        return line.startsWith("AUTH PLAIN") || (line.startsWith("MAIL FROM") && (line.contains(" SIZE=")
                || line.contains(" BODY=8BITMIME")));
    }
}
