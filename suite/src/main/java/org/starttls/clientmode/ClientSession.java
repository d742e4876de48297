package org.starttls.clientmode;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.starttls.clientmode.Recording.Event;
import org.starttls.clientmode.Recording.Kind;
import org.starttls.fixtures.realclients.ClientResult;

/**
 * One run of the client under test against one scenario, for a check to judge: what the fake server recorded, and how
 * the client's run ended (evidence only: a verdict comes from what the client sent).
 *
 * @param settled  every connection had closed soon after the client ended (false: one was still open)
 * @param controls runs the same client again against another scenario, for a check whose evidence needs a control
 */
public record ClientSession(Scenario scenario, Recording recording, ClientResult result, boolean settled,
                            Controls controls) {

    /** Plays a control scenario to the same client; its transcript joins the case's. */
    @FunctionalInterface
    public interface Controls {
        /** The control run's session; empty when it could not be played (the client could not be started). */
        Optional<ClientSession> run(Scenario control);
    }

    /** The commands that carry a password or mail: never outside a TLS session the client should trust. */
    public static final Set<String> TRANSACTION = Set.of("AUTH", "MAIL", "RCPT", "DATA", "BDAT");

    public List<Event> events() {
        return recording.events();
    }

    /** The first event that matches, in the order the server saw them. */
    public Optional<Event> first(Predicate<Event> test) {
        return recording.first(test);
    }

    /** The first line the client sent that matches. */
    public Optional<Event> firstClient(Predicate<Event> test) {
        return first(e -> e.kind() == Kind.CLIENT && test.test(e));
    }

    /** Whether any TLS handshake completed, on any connection. */
    public boolean reachedTls() {
        return first(e -> e.kind() == Kind.TLS_UP).isPresent();
    }

    /** Whether the client sent STARTTLS (in cleartext) on any connection. */
    public boolean sentStartTls() {
        return firstClient(e -> e.isClient("STARTTLS") && !e.tls()).isPresent();
    }

    /** Whether the client sent EHLO or HELO in cleartext on any connection: it got as far as the server's extensions. */
    public boolean greeted() {
        return firstClient(e -> e.isClient("EHLO", "HELO") && !e.tls()).isPresent();
    }

    /** The connections, numbered from 1. */
    public int connections() {
        return recording.connections();
    }

    public List<Event> connection(int connection) {
        return recording.connection(connection);
    }

    /** The event as evidence in a sentence: {@code 'MAIL FROM:<a@b>' in cleartext (connection 1, 0.123 s)}. */
    public static String quote(Event event) {
        return "'" + event.text() + "' " + (event.tls() ? "inside TLS" : "in cleartext") + " (connection "
                + event.connection() + ", " + String.format(Locale.ROOT, "%.3f s", event.at().toMillis() / 1000.0) + ")";
    }

    /** The same client run again against {@code control}, the scenario that tells what a piece of evidence means. */
    public Optional<ClientSession> control(Scenario control) {
        return controls.run(control);
    }

    /** Whether the client ended on its own and left no connection open: everything it would send is on record. */
    public boolean finished() {
        return !result.timedOut() && settled;
    }

    /** How the run ended, for a detail sentence: {@code the client exited 1}. */
    public String ending() {
        return result.timedOut() ? "the client did not finish in time and was ended"
                : "the client exited " + result.exitCode();
    }
}
