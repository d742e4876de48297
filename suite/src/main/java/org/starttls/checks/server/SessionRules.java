package org.starttls.checks.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.starttls.cases.Check;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.checks.Dialog;
import org.starttls.checks.DialogCheck;
import org.starttls.checks.JavaCase;
import org.starttls.checks.SetupFailed;
import org.starttls.client.ConnectionClosedException;
import org.starttls.client.DesynchronisedException;
import org.starttls.client.NotClosedException;
import org.starttls.client.Reply;
import org.starttls.client.ReplyTimeoutException;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpSession;
import org.starttls.requirements.Requirement;

/**
 * RFC 5321, RFC 2920 and RFC 4954 rules the STARTTLS verdicts rest on, checked in a session ready for mail commands:
 * inside TLS in the STARTTLS profiles, from the start in implicit-tls.
 */
final class SessionRules {

    private SessionRules() {
    }

    /**
     * RFC 5321 §4.2: every command gets exactly one reply. Two cases: a session of ordinary commands sent one at a
     * time, and, where PIPELINING is offered, a group sent in one write.
     */
    static final class OneReplyPerCommand implements Check {
        @Override
        public List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
            Check.noArguments(arguments);
            return List.of(new JavaCase(requirement, requirement.id(), "EHLO, NOOP, STARTTLS, and inside TLS EHLO, "
                            + "NOOP, an unknown command and RCPT without MAIL get one reply each and nothing more",
                            List.of(), List.of(), OneReplyPerCommand.class, Dialog.QUIET, OneReplyPerCommand::oneAtATime),
                    new JavaCase(requirement, requirement.id() + "-PIPELINED", "Three NOOPs sent in one write get three "
                            + "replies and nothing more", List.of(), List.of("PIPELINING"), OneReplyPerCommand.class,
                            Dialog.QUIET, OneReplyPerCommand::pipelined));
        }

        /**
         * Every reply is counted against the commands, whatever its code: a reply that arrives before the next command
         * was sent (stray lines after a multi-line reply that ended early, a second reply) or anything after the last
         * reply is a reply too many. A 220 as the first reply inside TLS is not: it is the server greeting again after
         * the handshake ({@link StrayGreeting}), no reply to any command, and the case cannot count with it. Nor is a
         * 421 after the last reply (RFC 5321 §3.8). Two errors at most, so that servers that drop a client after a few
         * (Exim: three) keep talking.
         */
        private static Outcome oneAtATime(Dialog dialog) throws SessionException, SetupFailed {
            List<String> phase = List.of(dialog.expand("EHLO ${helo}"), "NOOP");
            List<String> inTls = List.of(dialog.expand("EHLO ${helo}"), "NOOP", "XCONFORMANCE",
                    dialog.expand("RCPT TO:<${rcpt}>"));
            boolean firstInTls = false;
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
                        firstInTls = true;
                    }
                    sent = phase.size() + 1;
                }
                for (String command : inTls) {
                    Reply reply = dialog.command(session, command);
                    // only the first reply inside TLS can be the server greeting again
                    Optional<Reply> greeting = firstInTls ? StrayGreeting.in(reply) : Optional.empty();
                    if (greeting.isPresent()) {
                        return StrayGreeting.unjudged(greeting.get(), command);
                    }
                    firstInTls = false;
                }
                sent += inTls.size();
                return nothingMore(session, sent);
            } catch (DesynchronisedException e) {
                Optional<Reply> greeting = firstInTls ? StrayGreeting.in(e) : Optional.empty();
                if (greeting.isPresent()) {
                    return StrayGreeting.unjudged(greeting.get(), inTls.get(0));
                }
                return Outcome.fail("a reply arrived before the next command was sent, so an earlier command got more "
                        + "than one reply (a multi-line reply that ended early counts as two): '" + e.stray() + "'");
            }
        }

        /**
         * Three NOOPs in one write. When their replies came only after a QUIT sent behind them (a slow server), the
         * QUIT's 221 ends the session: then the replies before it are all there are.
         */
        private static Outcome pipelined(Dialog dialog) throws SessionException, SetupFailed {
            SmtpSession session = dialog.ready().session();
            Pipelined answered = Pipelined.send(dialog, session, List.of("NOOP", "NOOP", "NOOP"));
            if (answered.missing().isPresent()) {
                return answered.missing().get();
            }
            if (answered.quit().isEmpty()) {
                return nothingMore(session, 3);
            }
            int got = answered.replies().size();
            return got == 3
                    ? Outcome.pass("three NOOPs sent in one write got three replies, the last ones slower than the reply "
                            + "timeout, and QUIT sent after them got its 221 next: one reply each")
                    : Outcome.fail("three NOOPs sent in one write got " + got + " replies before the 221 to the QUIT sent "
                            + "after them (" + Dialog.oneLine(answered.quit().get()) + "): more than one reply per command");
        }

        private static Outcome nothingMore(SmtpSession session, int sent) {
            return Dialog.silenceAfter(session.quiet(Dialog.QUIET), "one reply to each of " + sent + " commands",
                    Dialog.Closing.PROVES_NOTHING, after -> Outcome.fail("after one reply to each of " + sent
                            + " commands the server sent more: " + after.describe()))
                    .orElseGet(() -> Outcome.pass(sent + " commands got one reply each and nothing followed the last for "
                            + Dialog.QUIET.toMillis() + " ms"));
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
            if (early.codeClass() == 4) {
                return Outcome.inconclusive("RCPT before MAIL got a transient refusal (" + Dialog.oneLine(early)
                        + "), which says nothing about the order of the commands");
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

    /**
     * RFC 2920 §3.2: a pipelined group whose replies have a known pattern of classes. Out of order is the same replies
     * in another order; other replies than the rules give (a policy refusal, say) cannot show the order. Replies the
     * server never sends, while it answers the command after the group, are missing: a FAIL too.
     */
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
            Pipelined answered = Pipelined.send(dialog, session, group);
            if (answered.missing().isPresent()) {
                return answered.missing().get();
            }
            List<Reply> replies = answered.replies();
            if (replies.size() > group.size()) {
                return Outcome.inconclusive("the " + group.size() + " pipelined commands got " + replies.size()
                        + " replies before the 221 to the QUIT sent after them, so which reply answers which command "
                        + "cannot be told (RFC5321-4.2-MUST-ONE-REPLY-PER-COMMAND judges the extra replies)");
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
            if (classes.equals(expected)) {
                return Outcome.pass("the five pipelined commands were answered in order: " + seen);
            }
            if (classes.stream().sorted().toList().equals(expected.stream().sorted().toList())) {
                return Outcome.fail("expected replies of classes 5xx, 2xx, 2xx, 5xx, 2xx in command order, got the "
                        + "same replies in another order: " + seen);
            }
            return Outcome.inconclusive("the pipelined commands got other replies than RFC 5321 gives them (expected "
                    + "classes 5xx, 2xx, 2xx, 5xx, 2xx, got " + seen + "), so their order cannot be told from them "
                    + "(RFC5321-4.1.4-MUST-503-BAD-SEQUENCE judges a missing 503)");
        }
    }

    /**
     * The replies to a group of commands sent in one write. When fewer come than commands within the reply timeout, a
     * QUIT sent after the group tells a slow server from one that never sends the rest: only QUIT is answered 221, a
     * server answers in order (RFC 2920 §3.2) and closes after the 221, so the replies before the 221 are all the group
     * gets; fewer than commands are missing (RFC 5321 §4.2: every command MUST generate exactly one reply). Any wait
     * that ends without the 221 (a timeout, a close) leaves it unknown: a reply read then may be a late one to the
     * group.
     *
     * @param replies the replies to the group, in the order they came; all of them unless {@code missing} is present,
     *                and with a {@code quit} every reply that came before its 221, which may be more than commands
     * @param missing the FAIL when replies are proved missing, or the INCONCLUSIVE when the end was not seen
     * @param quit    the 221 to the QUIT sent after the group, when the replies were slower than the timeout; the
     *                session is over then
     */
    record Pipelined(List<Reply> replies, Optional<Outcome> missing, Optional<Reply> quit) {

        static Pipelined send(Dialog dialog, SmtpSession session, List<String> group)
                throws SessionException, SetupFailed {
            session.sendRaw((String.join("\r\n", group) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            List<Reply> replies = new ArrayList<>();
            try {
                for (String command : group) {
                    replies.add(dialog.replyTo(session, command + " (pipelined)"));
                }
                return new Pipelined(replies, Optional.empty(), Optional.empty());
            } catch (ReplyTimeoutException silent) {
                dialog.note("pipelined group", group.size() + " commands, " + replies.size() + " replies within the "
                        + "timeout; a QUIT after them tells a slow server from missing replies (only QUIT is answered 221)");
            }
            int inTime = replies.size();
            session.send("QUIT");
            Reply bye;
            try {
                for (bye = dialog.replyTo(session, "QUIT after the group"); bye.code() != 221;
                        bye = dialog.replyTo(session, "QUIT after the group")) {
                    replies.add(bye);
                }
            } catch (ReplyTimeoutException | ConnectionClosedException e) {
                return new Pipelined(replies, Optional.of(Outcome.inconclusive("of " + group.size() + " pipelined "
                        + "commands " + inTime + " got a reply within the reply timeout; after a QUIT sent behind them "
                        + (replies.size() - inTime) + " more replies came and then " + (e instanceof ReplyTimeoutException
                        ? "nothing within the timeout" : "the server closed the connection") + ", without the 221 that "
                        + "would show the QUIT answered: the server is slow or stopped answering, and a reply read "
                        + "after the QUIT may be a late one to the group, so whether replies are missing is unknown")),
                        Optional.empty());
            }
            if (replies.size() < group.size()) {
                return new Pipelined(replies, Optional.of(Outcome.fail("of " + group.size() + " commands pipelined in "
                        + "one write only " + replies.size() + " got a reply, yet the QUIT sent after them was answered ("
                        + Dialog.oneLine(bye) + "), and only QUIT is answered 221: the other replies are missing, not "
                        + "slow")), Optional.of(bye));
            }
            return new Pipelined(replies, Optional.empty(), Optional.of(bye));
        }
    }

    /**
     * RFC 5321 §4.5.1: in a session ready for mail, {@code RCPT TO:<Postmaster>} with no domain is accepted. A refusal
     * for policy (authentication required, an X.7 status) leaves it unjudged; a transient one too.
     */
    static final class Postmaster extends DialogCheck {
        Postmaster() {
            super("In a session ready for mail, MAIL then RCPT TO:<Postmaster> (no domain) gets 250 or 251");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            Dialog.Ready ready = dialog.readyForMail();
            SmtpSession session = ready.session();
            Reply opened = dialog.command(session, dialog.expand("MAIL FROM:<${mail_from}>"));
            Optional<Outcome> refused = ready.policyRefusal("MAIL", opened);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (opened.codeClass() != 2) {
                return Outcome.inconclusive("MAIL FROM:<" + dialog.variable("mail_from") + "> was refused ("
                        + Dialog.oneLine(opened) + "), so no transaction could be opened for the postmaster");
            }
            Reply rcpt = dialog.command(session, "RCPT TO:<Postmaster>");
            refused = ready.policyRefusal("RCPT TO:<Postmaster>", rcpt);
            if (refused.isPresent()) {
                return refused.get();
            }
            dialog.command(session, "RSET");
            return switch (rcpt.codeClass()) {
                case 2 -> Outcome.pass("RCPT TO:<Postmaster> without a domain was accepted: " + Dialog.oneLine(rcpt));
                case 4 -> Outcome.inconclusive("RCPT TO:<Postmaster> got a transient refusal (" + Dialog.oneLine(rcpt)
                        + "), neither accepted nor refused");
                default -> Outcome.fail("RCPT TO:<Postmaster> without a domain was refused: " + Dialog.oneLine(rcpt));
            };
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
