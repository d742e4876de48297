package org.starttls.checks.client;

import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;

/** After a {@code 220} to STARTTLS the client's next bytes are a TLS ClientHello, not another SMTP command. */
final class HandshakeAfterReady extends ClientCheck {

    @Override
    protected Outcome judge(ClientSession session) {
        Optional<AfterReady> ready = AfterReady.find(session);
        if (ready.isEmpty()) {
            return Outcome.inconclusive("the client never sent STARTTLS, so there was no 220 to start TLS after");
        }
        Optional<Event> hello = ready.get().hello();
        // a line that came in the same read as STARTTLS was sent before the 220 (pipelined, another check's finding)
        int startTlsRead = ready.get().startTls().read();
        Optional<Event> command = ready.get().cleartextLine(e -> e.read() != startTlsRead);
        if (command.isPresent() && (hello.isEmpty() || ready.get().before(command.get(), hello.get()))) {
            return Outcome.fail("after the 220 to STARTTLS the client sent " + ClientSession.quote(command.get())
                    + " instead of starting the TLS handshake");
        }
        if (hello.isEmpty()) {
            return Outcome.inconclusive("after the 220 the client sent neither a ClientHello nor another command, so "
                    + "what it would send next was never seen");
        }
        return Outcome.pass("after the 220 the client started the TLS handshake (" + hello.get().text() + ")");
    }
}
