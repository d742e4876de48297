package org.starttls.checks.client;

import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;
import org.starttls.clientmode.Recording.Kind;
import org.starttls.clientmode.Scenario;

/**
 * A client that requires TLS sends no password and no mail (AUTH, MAIL, RCPT, DATA, BDAT) unless it is inside a TLS
 * session it should trust: not in cleartext, not inside TLS with a certificate or protocol it must refuse.
 */
final class NoTransactionWithoutTrustedTls extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        boolean trusted = session.scenario().tlsAcceptable();
        Optional<Event> leak = session.firstClient(e -> ClientSession.TRANSACTION.contains(e.verb())
                && !(e.tls() && trusted));
        if (leak.isPresent()) {
            return Outcome.fail("the client sent " + ClientSession.quote(leak.get())
                    + (leak.get().tls() ? ", a TLS session it had to refuse" : ""));
        }
        Optional<String> missed = missedMoment(session);
        if (missed.isPresent()) {
            return Outcome.inconclusive("the client sent no AUTH, MAIL, RCPT or DATA, but " + missed.get());
        }
        return Outcome.pass("the client sent no AUTH, MAIL, RCPT or DATA " + (trusted ? "in cleartext"
                : "in cleartext or inside the TLS session it had to refuse"));
    }

    /**
     * Why the client never met what the scenario plays, if it did not: a certificate or protocol version is met in a
     * ClientHello (a client that refuses the certificate has sent one), a plaintext "implicit-TLS" port in the client's
     * first bytes, a STARTTLS taken away in the EHLO or HELO that would have shown it.
     */
    private static Optional<String> missedMoment(ClientSession session) {
        Scenario scenario = session.scenario();
        if (scenario.plaintextPort()) {
            boolean spoke = session.first(e -> e.kind() == Kind.CLIENT_HELLO || e.kind() == Kind.CLIENT).isPresent();
            return spoke ? Optional.empty() : Optional.of("it sent neither a ClientHello nor an SMTP line, so it never "
                    + "met the plaintext port");
        }
        if (scenario.judgedAtHandshake()) {
            boolean hello = session.first(e -> e.kind() == Kind.CLIENT_HELLO || e.kind() == Kind.TLS_UP).isPresent();
            return hello ? Optional.empty() : Optional.of("it sent no TLS ClientHello, so it never met the server's "
                    + "certificate or TLS version");
        }
        return session.greeted() ? Optional.empty() : Optional.of("it sent no EHLO or HELO, so it never saw that STARTTLS was "
                + "missing or refused");
    }
}
