package org.starttls.checks.client;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.starttls.cases.Outcome;
import org.starttls.clientmode.ClientSession;
import org.starttls.clientmode.Recording.Event;
import org.starttls.clientmode.Scenario;

/**
 * What a client sends inside TLS that knowledge from before the handshake would explain, when EHLO inside TLS offered
 * none of it: AUTH PLAIN, a SIZE= or BODY=8BITMIME parameter. Not proof by itself: a client set to use PLAIN whatever
 * the server offers (msmtp --auth=plain, Jakarta Mail's mail.smtp.auth.mechanisms=PLAIN, curl's AUTH=PLAIN) sends it
 * all the same. So the same client is run again against {@link Scenario#CAPABILITIES_CONTROL}, where none of it is
 * offered anywhere: what it sends there too proves nothing; what it sends only when the cleartext offered it proves it
 * kept that knowledge.
 */
final class KeptKnowledge {

    /** One kind of telltale line. */
    enum Telltale {
        AUTH_PLAIN("AUTH PLAIN", line -> line.startsWith("AUTH PLAIN")),
        SIZE("a SIZE= parameter", line -> line.startsWith("MAIL FROM") && line.contains(" SIZE=")),
        BODY_8BITMIME("BODY=8BITMIME", line -> line.startsWith("MAIL FROM") && line.contains(" BODY=8BITMIME"));

        private final String words;
        private final Predicate<String> line;

        Telltale(String words, Predicate<String> line) {
            this.words = words;
            this.line = line;
        }

        boolean shownBy(Event e) {
            return line.test(e.text().toUpperCase(Locale.ROOT));
        }

        private Optional<Event> first(List<Event> commands) {
            return commands.stream().filter(this::shownBy).findFirst();
        }
    }

    private KeptKnowledge() {
    }

    /**
     * The verdict the telltales among {@code commands} (the lines the client sent inside TLS) support: a FAIL quoting the
     * first one the control run does not explain; an INCONCLUSIVE when those seen prove nothing; empty when none was
     * seen. {@code source} says where the knowledge came from ("the cleartext EHLO").
     */
    static Optional<Outcome> judge(ClientSession session, List<Event> commands, Set<Telltale> telltales, String source) {
        List<Telltale> seen = telltales.stream().filter(t -> t.first(commands).isPresent()).toList();
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        Event first = seen.stream().map(t -> t.first(commands).orElseThrow())
                .min((a, b) -> a.at().compareTo(b.at())).orElseThrow();
        String used = "the client sent " + ClientSession.quote(first) + ", which only " + source + " offered";
        Optional<ClientSession> control = session.control(Scenario.CAPABILITIES_CONTROL);
        Optional<List<Event>> controlCommands = control.filter(ClientSession::finished)
                .flatMap(InsideTls::find).map(InsideTls::commands);
        if (controlCommands.isEmpty()) {
            return Optional.of(Outcome.inconclusive(used + ", but the control run, where it is offered nowhere, did not "
                    + "tell whether the client sends it anyway: " + control.map(KeptKnowledge::why)
                    .orElse("it could not be played")));
        }
        for (Telltale t : seen) {
            if (t.first(controlCommands.get()).isEmpty()) {
                Event line = t.first(commands).orElseThrow();
                return Optional.of(Outcome.fail("the client sent " + ClientSession.quote(line) + ", using "
                        + t.words + ", which only " + source + " offered; in the control run, where it was offered "
                        + "nowhere, it did not use it"));
            }
        }
        return Optional.of(Outcome.inconclusive(used + ", but it sent " + seen.stream().map(t -> t.words)
                .collect(java.util.stream.Collectors.joining(" and ")) + " in the control run too, where it was "
                + "offered nowhere: it uses that whatever the server offers, so it tells nothing about what it kept"));
    }

    private static String why(ClientSession control) {
        if (!control.finished()) {
            return control.result().timedOut() ? "the client did not finish in time"
                    : "a connection was still open after the client ended";
        }
        return "the client completed no TLS handshake (" + control.ending() + ")";
    }
}
