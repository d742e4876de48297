package org.starttls.checks.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.starttls.cases.Outcome;
import org.starttls.checks.Dialog;
import org.starttls.checks.DialogCheck;
import org.starttls.checks.SetupFailed;
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

    /** RFC 5321 §4.2: three commands, three replies, then silence. An extra reply anywhere shows up at the end. */
    static final class OneReplyPerCommand extends DialogCheck {
        OneReplyPerCommand() {
            super("NOOP, an unknown command and RCPT without MAIL get one reply each and nothing more");
        }

        @Override
        protected Duration plannedWait() {
            return Dialog.QUIET;
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            SmtpSession session = dialog.ready().session();
            for (String command : List.of("NOOP", "XCONFORMANCE", dialog.expand("RCPT TO:<${rcpt}>"))) {
                dialog.command(session, command);
            }
            QuietResult after = session.quiet(Dialog.QUIET);
            if (after instanceof QuietResult.Silence) {
                return Outcome.pass("three commands got three replies and nothing followed for " + Dialog.QUIET.toMillis() + " ms");
            }
            if (after instanceof QuietResult.Closed) {
                return Outcome.inconclusive("the server closed the connection after the third reply");
            }
            return Outcome.fail("after one reply to each of three commands the server sent more: " + after.describe());
        }
    }

    /** RFC 5321 §4.1.4: RCPT without MAIL and a nested MAIL get 503, and the open transaction survives the second. */
    static final class BadSequence extends DialogCheck {
        BadSequence() {
            super("RCPT before MAIL and a second MAIL get 503; the transaction opened before the second MAIL still takes RCPT");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            SmtpSession session = dialog.ready().session();
            String rcpt = dialog.expand("RCPT TO:<${rcpt}>");
            String mail = dialog.expand("MAIL FROM:<${mail_from}>");
            Reply early = dialog.command(session, rcpt);
            if (early.code() != 503) {
                return Outcome.fail("RCPT before MAIL was answered " + Dialog.oneLine(early) + " instead of 503");
            }
            dialog.setup(session, mail, 250);
            Reply nested = dialog.command(session, mail);
            if (nested.code() != 503) {
                return Outcome.fail("a second MAIL inside a transaction was answered " + Dialog.oneLine(nested)
                        + " instead of 503");
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
            Reply next = dialog.command(session, "NOOP");
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
            SmtpSession session = dialog.ready().session();
            String rcpt = dialog.expand("RCPT TO:<${rcpt}>");
            List<String> group = List.of(rcpt, dialog.expand("MAIL FROM:<${mail_from}>"), "RSET", rcpt, "NOOP");
            List<Integer> expected = List.of(5, 2, 2, 5, 2);
            session.sendRaw((String.join("\r\n", group) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            List<Reply> replies = new ArrayList<>();
            for (String command : group) {
                replies.add(dialog.replyTo(session, command + " (pipelined)"));
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
