package org.starttls.checks.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.starttls.cases.Outcome;
import org.starttls.checks.Dialog;
import org.starttls.checks.DialogCheck;
import org.starttls.checks.SetupFailed;
import org.starttls.client.DesynchronisedException;
import org.starttls.client.NotClosedException;
import org.starttls.client.QuietResult;
import org.starttls.client.Reply;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpSession;

/**
 * RFC 5321, RFC 2920 and RFC 4954 rules the STARTTLS verdicts rest on, checked in a session ready for mail commands:
 * inside TLS in the STARTTLS profiles, from the start in implicit-tls.
 */
final class SessionRules {

    private SessionRules() {
    }

    /**
     * RFC 5321 §4.2: every command gets exactly one reply. A session of ordinary commands (EHLO and NOOP, and in the
     * STARTTLS profiles STARTTLS, then inside TLS EHLO, NOOP, an unknown command and RCPT without MAIL) in which every
     * reply is counted against the commands, whatever its code: a reply that arrives before the next command was sent
     * (stray lines after a multi-line reply that ended early, a second reply) or anything after the last reply is a
     * reply too many. Two errors at most, so that servers that drop a client after a few (Exim: three) keep talking.
     */
    static final class OneReplyPerCommand extends DialogCheck {
        OneReplyPerCommand() {
            super("EHLO, NOOP, STARTTLS, and inside TLS EHLO, NOOP, an unknown command and RCPT without MAIL get one "
                    + "reply each and nothing more");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            List<String> phase = List.of(dialog.expand("EHLO ${helo}"), "NOOP");
            List<String> inTls = List.of(dialog.expand("EHLO ${helo}"), "NOOP", "XCONFORMANCE",
                    dialog.expand("RCPT TO:<${rcpt}>"));
            try {
                SmtpSession session = dialog.greeted();
                int sent = 0;
                if (dialog.context().profile().usesStartTls()) {
                    for (String command : phase) {
                        dialog.command(session, command);
                    }
                    // a reply out of step shows up whether or not this one is the 220
                    if (dialog.command(session, "STARTTLS").code() == 220) {
                        session.startTls();
                    }
                    sent = phase.size() + 1;
                }
                for (String command : inTls) {
                    dialog.command(session, command);
                }
                sent += inTls.size();
                QuietResult after = session.quiet(Dialog.QUIET);
                if (after instanceof QuietResult.Silence) {
                    return Outcome.pass(sent + " commands got one reply each and nothing followed the last for "
                            + Dialog.QUIET.toMillis() + " ms");
                }
                if (after instanceof QuietResult.Closed) {
                    return Outcome.inconclusive("the server closed the connection after the last reply");
                }
                return Outcome.fail("after one reply to each of " + sent + " commands the server sent more: "
                        + after.describe());
            } catch (DesynchronisedException e) {
                return Outcome.fail("a reply arrived before the next command was sent, so an earlier command got more "
                        + "than one reply (a multi-line reply that ended early counts as two): '" + e.stray() + "'");
            }
        }
    }

    /**
     * RFC 5321 §4.1.4: RCPT without MAIL cannot be processed and gets 503. A second MAIL inside a transaction can be
     * processed as the start of a new one (§3.3: MAIL resets all state tables and buffers), so 250 is fine; a server
     * that refuses it must refuse it with 503 and keep the open transaction ("MUST stay in the same state"). A policy
     * refusal (530 authentication required, an X.7 status) answers who the client is, not the order of its commands:
     * INCONCLUSIVE with that reason.
     */
    static final class BadSequence extends DialogCheck {
        BadSequence() {
            super("RCPT before MAIL gets 503; a second MAIL either starts a new transaction (250) or gets 503 and the "
                    + "open transaction still takes RCPT");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            Dialog.Ready ready = dialog.readyForMail();
            SmtpSession session = ready.session();
            String rcpt = dialog.expand("RCPT TO:<${rcpt}>");
            String mail = dialog.expand("MAIL FROM:<${mail_from}>");
            Reply early = dialog.command(session, rcpt);
            Optional<Outcome> refused = ready.policyRefusal("RCPT before MAIL", early);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (early.code() != 503) {
                return Outcome.fail("RCPT before MAIL was answered " + Dialog.oneLine(early) + " instead of 503");
            }
            Reply opened = dialog.command(session, mail);
            refused = ready.policyRefusal("MAIL", opened);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (opened.codeClass() != 2) {
                return Outcome.inconclusive("MAIL FROM:<" + dialog.variable("mail_from") + "> was refused ("
                        + Dialog.oneLine(opened) + "), so no transaction could be opened to test a nested MAIL in");
            }
            Reply nested = dialog.command(session, mail);
            refused = ready.policyRefusal("a second MAIL", nested);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (nested.codeClass() == 2) {
                dialog.command(session, "RSET");
                return Outcome.pass("RCPT before MAIL got 503; the second MAIL started a new transaction ("
                        + Dialog.oneLine(nested) + "), as RFC 5321 §3.3 lets MAIL do");
            }
            if (nested.codeClass() == 4) {
                return Outcome.inconclusive("a second MAIL inside a transaction got a transient refusal ("
                        + Dialog.oneLine(nested) + "), neither a new transaction nor 503");
            }
            if (nested.code() != 503) {
                return Outcome.fail("a second MAIL inside a transaction was refused with " + Dialog.oneLine(nested)
                        + ": a command refused as out of sequence must get 503 (RFC 5321 §4.1.4)");
            }
            Reply after = dialog.command(session, rcpt);
            if (after.code() == 503) {
                return Outcome.fail("after the 503 to the nested MAIL, RCPT got 503 too: the refused command dropped the "
                        + "open transaction instead of leaving the state unchanged");
            }
            if (after.codeClass() != 2) {
                return Outcome.inconclusive("RCPT to " + dialog.variable("rcpt") + " was refused for another reason ("
                        + Dialog.oneLine(after) + "), so the state after the 503 cannot be judged");
            }
            dialog.command(session, "RSET");
            return Outcome.pass("both out-of-sequence commands got 503 and the transaction went on");
        }
    }

    /** RFC 5321 §4.1.1.10: QUIT → 221, then the server closes. */
    static final class Quit extends DialogCheck {
        Quit() {
            super("QUIT in a ready session is answered with 221 and the server closes the connection");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            SmtpSession session = dialog.ready().session();
            Reply bye = dialog.command(session, "QUIT");
            if (bye.code() != 221) {
                return Outcome.fail("QUIT was answered " + Dialog.oneLine(bye) + " instead of 221");
            }
            try {
                session.expectClose(dialog.context().timeout());
            } catch (NotClosedException e) {
                return Outcome.fail("the server answered 221 but did not close the connection: " + e.getMessage());
            }
            return Outcome.pass("QUIT got 221 and the server closed the connection");
        }
    }

    /**
     * RFC 5321 §4.5.3.1.4 and .9: a 1 000-octet command line gets one reply — 500 Line too long, or the command's own
     * reply from a server without that limit (§4.5.3.1 prefers none) — and the next command still gets its own reply.
     */
    static final class OverlongCommand extends DialogCheck {
        private static final int LENGTH = 1000;

        OverlongCommand() {
            super("NOOP with a " + LENGTH + "-octet argument gets one reply, and NOOP afterwards gets 250");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            SmtpSession session = dialog.ready().session();
            Reply tooLong = dialog.command(session, "NOOP " + "x".repeat(LENGTH));
            String first = tooLong.code() == 500 ? "was refused with 500" : "was answered " + Dialog.oneLine(tooLong)
                    + " (the server accepts lines over 512 octets, as RFC 5321 §4.5.3.1 allows)";
            Reply next;
            try {
                next = dialog.command(session, "NOOP");
            } catch (DesynchronisedException e) {
                return Outcome.fail("the " + (LENGTH + 7) + "-octet command line " + first + ", and a second reply ('"
                        + e.stray() + "') came before the next command was sent: the rest of the long line was read as "
                        + "a command of its own");
            }
            return next.code() == 250
                    ? Outcome.pass("the " + (LENGTH + 7) + "-octet command line " + first + ", and the next NOOP got 250")
                    : Outcome.fail("the " + (LENGTH + 7) + "-octet command line " + first + ", then the next NOOP was "
                            + "answered " + Dialog.oneLine(next) + " instead of 250: the rest of the long line was read "
                            + "as a command of its own");
        }
    }

    /** RFC 2920 §3.2: a pipelined group whose replies have a known pattern of classes. */
    static final class PipelinedOrder extends DialogCheck {
        PipelinedOrder() {
            super("RCPT, MAIL, RSET, RCPT, NOOP sent in one write are answered 5xx, 2xx, 2xx, 5xx, 2xx in that order",
                    List.of(), List.of("PIPELINING"));
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            Dialog.Ready ready = dialog.readyForMail();
            SmtpSession session = ready.session();
            String rcpt = dialog.expand("RCPT TO:<${rcpt}>");
            List<String> group = List.of(rcpt, dialog.expand("MAIL FROM:<${mail_from}>"), "RSET", rcpt, "NOOP");
            List<Integer> expected = List.of(5, 2, 2, 5, 2);
            session.sendRaw((String.join("\r\n", group) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            List<Reply> replies = new ArrayList<>();
            for (String command : group) {
                replies.add(dialog.replyTo(session, command + " (pipelined)"));
            }
            for (int i = 0; i < group.size(); i++) {
                Optional<Outcome> refused = ready.policyRefusal(group.get(i).split("[ :]")[0] + " (pipelined)",
                        replies.get(i));
                if (refused.isPresent()) {
                    return refused.get();
                }
            }
            List<Integer> classes = replies.stream().map(Reply::codeClass).toList();
            String seen = replies.stream().map(r -> Integer.toString(r.code())).collect(Collectors.joining(", "));
            return classes.equals(expected)
                    ? Outcome.pass("the five pipelined commands were answered in order: " + seen)
                    : Outcome.fail("expected replies of classes 5xx, 2xx, 2xx, 5xx, 2xx in command order, got " + seen);
        }
    }

    /** RFC 4954 §6: the cleartext EHLO reply does not offer PLAIN or LOGIN. */
    static final class NoPlaintextMechanismsBeforeTls extends DialogCheck {
        private static final List<String> PLAINTEXT = List.of("PLAIN", "LOGIN");

        NoPlaintextMechanismsBeforeTls() {
            super("The EHLO reply before STARTTLS lists no AUTH PLAIN or LOGIN");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            SmtpSession session = dialog.greeted();
            Reply ehlo = dialog.setup(session, "EHLO " + dialog.variable("helo"), 250);
            for (String line : ehlo.lines().subList(1, ehlo.lines().size())) {
                // AUTH PLAIN LOGIN, and the pre-standard AUTH=PLAIN LOGIN some servers still send
                String[] words = line.strip().toUpperCase(Locale.ROOT).split("[ =]+");
                if (words[0].equals("AUTH") && List.of(words).subList(1, words.length).stream().anyMatch(PLAINTEXT::contains)) {
                    return Outcome.fail("the cleartext EHLO reply offers a plaintext password mechanism: " + line.strip());
                }
            }
            return Outcome.pass("the cleartext EHLO reply offers no PLAIN or LOGIN");
        }
    }
}
