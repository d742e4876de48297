package org.starttls.checks.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.starttls.cases.Outcome;
import org.starttls.checks.Dialog;
import org.starttls.checks.DialogCheck;
import org.starttls.checks.Refusals;
import org.starttls.checks.SetupFailed;
import org.starttls.client.QuietResult;
import org.starttls.client.Reply;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpSession;
import org.starttls.client.TlsHandshakeException;

/** RFC 3207 §4 and §4.1: the STARTTLS command itself, what follows its 220, and the 554 policy refusal. */
final class StartTlsCases {

    private StartTlsCases() {
    }

    /** STARTTLS → 220 → handshake → a working session; a 454 is a reported, temporary refusal: INCONCLUSIVE. */
    static final class Ready extends DialogCheck {
        Ready() {
            super("STARTTLS is answered with 220, the handshake completes and the session works inside TLS");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            SmtpSession session = dialog.afterEhlo();
            Reply ready = dialog.command(session, "STARTTLS");
            if (ready.code() == 454) {
                return Outcome.inconclusive("the server refused STARTTLS with 454, TLS temporarily unavailable (a reported, "
                        + "temporary refusal, not a violation): " + Dialog.oneLine(ready));
            }
            if (ready.code() != 220) {
                return Outcome.fail("STARTTLS was answered " + Dialog.oneLine(ready) + " instead of 220 Ready to start TLS");
            }
            try {
                session.startTls();
            } catch (TlsHandshakeException e) {
                return Outcome.fail("the server answered 220 but the TLS handshake failed: " + e.getMessage());
            }
            // liveness only: what NOOP gets inside TLS is judged elsewhere (RFC3207-4.2-MUST-KNOW-TLS-ACTIVE)
            Reply noop = dialog.command(session, "NOOP");
            return noop.codeClass() != 4
                    ? Outcome.pass("220, handshake " + session.tls().map(t -> t.protocol() + " " + t.cipherSuite()).orElse("")
                            + ", and NOOP inside TLS was answered (" + Dialog.oneLine(noop) + ")")
                    : Outcome.inconclusive("220 and the handshake completed, but NOOP inside TLS got a transient refusal ("
                            + Dialog.oneLine(noop) + "), so whether the session works inside TLS is not shown");
        }
    }

    /**
     * RFC 5321 §2.4: verbs are not case sensitive, so "starttls" starts TLS as "STARTTLS" does. Judged against the
     * target's probe session, in which STARTTLS in upper case led to TLS: without that, a refused "starttls" says
     * nothing about case.
     */
    static final class LowerCase extends DialogCheck {
        LowerCase() {
            super("starttls in lower case is answered 220 and the TLS handshake follows, as for STARTTLS in the probe "
                    + "session");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            if (dialog.context().facts().tls().isEmpty()) {
                return Outcome.inconclusive("STARTTLS in upper case did not lead to TLS in the target's probe session "
                        + dialog.context().facts().problem().map(p -> "(" + p + ")").orElse("")
                        + ", so how the server takes it in lower case says nothing about case");
            }
            SmtpSession session = dialog.afterEhlo();
            Reply ready = dialog.command(session, "starttls");
            if (ready.code() != 220) {
                return Outcome.fail("starttls in lower case was answered " + Dialog.oneLine(ready) + ", while STARTTLS "
                        + "in upper case starts TLS: a client that writes verbs in lower case stays in cleartext");
            }
            try {
                session.startTls();
            } catch (TlsHandshakeException e) {
                return Outcome.inconclusive("starttls was answered 220, but the handshake failed (" + e.getMessage()
                        + "); the handshake is RFC3207-4-INFO-STARTTLS-READY's to judge");
            }
            return Outcome.pass("starttls in lower case was answered 220 and the handshake completed ("
                    + session.tls().map(t -> t.protocol()).orElse("") + ")");
        }
    }

    /** After the 220 the client sends an SMTP command instead of a ClientHello: no cleartext reply may come. */
    static final class NoPlaintextAfter220 extends DialogCheck {
        NoPlaintextAfter220() {
            super("NOOP sent in cleartext instead of a ClientHello after the 220 is not answered in cleartext");
        }

        @Override
        protected Duration plannedWait() {
            return Dialog.QUIET;
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            SmtpSession session = dialog.afterEhlo();
            dialog.setup(session, "STARTTLS", 220);
            session.sendRaw("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            // the requirement forbids a cleartext answer: a close sends none, nor do non-SMTP bytes (a TLS alert)
            QuietResult after = session.quiet(Dialog.QUIET);
            return Dialog.silenceAfter(after, "the cleartext NOOP behind the 220", Dialog.Closing.KEEPS_THE_REQUIREMENT,
                    arrived -> arrived instanceof QuietResult.Arrived reply
                            ? Outcome.fail("after its 220 to STARTTLS the server answered a cleartext NOOP in cleartext: "
                                    + Dialog.oneLine(reply.reply()))
                            : noReply(arrived))
                    .orElseGet(() -> noReply(after));
        }

        private static Outcome noReply(QuietResult after) {
            return Outcome.pass("the cleartext NOOP after the 220 got no SMTP reply (" + after.describe() + ")");
        }
    }

    /**
     * RFC 3207 §4.1: observable only when the server refuses the negotiated session. Our client negotiates the best
     * TLS it can, so a server that accepts it makes the rule unobservable: NOT_APPLICABLE, with the reason.
     */
    static final class InsufficientSecurity extends DialogCheck {
        private static final String[] COMMANDS = {"NOOP", "MAIL FROM:<${mail_from}>", "RSET"};

        InsufficientSecurity() {
            super("If the server refuses EHLO inside TLS with 554, it also refuses NOOP, MAIL and RSET with 554 and "
                            + "answers QUIT with 221");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            SmtpSession session = dialog.afterEhlo();
            dialog.startTls(session);
            Reply ehlo = dialog.command(session, "EHLO " + dialog.variable("helo"));
            if (ehlo.code() != 554) {
                return Outcome.notApplicable("the server accepted the negotiated security (EHLO inside TLS got "
                        + ehlo.code() + "), so its handling of insufficient security cannot be observed");
            }
            for (String command : COMMANDS) {
                Reply reply = dialog.command(session, dialog.expand(command));
                if (reply.code() != 554) {
                    return Outcome.fail("the server refused EHLO for lack of security (554) but answered "
                            + command.split(" ")[0] + " with " + Dialog.oneLine(reply));
                }
            }
            Reply quit = dialog.command(session, "QUIT");
            return quit.code() == 221
                    ? Outcome.pass("every command inside the insufficient TLS session got 554 and QUIT got 221")
                    : Outcome.fail("QUIT inside the refused TLS session was answered " + Dialog.oneLine(quit)
                            + " instead of 221");
        }
    }

    /**
     * RFC 3207 §4 in the offer-tls profile: a public MX takes mail for a local recipient in cleartext. Only a 530 (the
     * STARTTLS demand) is a violation; another refusal means the case could not be judged. DATA is answered but no
     * message follows, and the connection is dropped without the final dot: nothing is delivered.
     */
    static final class PublicMxAcceptsCleartext extends DialogCheck {
        PublicMxAcceptsCleartext() {
            super("MAIL, RCPT to postmaster and DATA in cleartext are not refused with 530 (no message is sent)");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            Dialog.Ready ready = dialog.ehloed();
            SmtpSession session = ready.session();
            String[] commands = {"MAIL FROM:<${mail_from}>", "RCPT TO:<${rcpt}>", "DATA"};
            for (String command : commands) {
                Reply reply = dialog.command(session, dialog.expand(command));
                Optional<Refusals.Kind> refusal = Refusals.of(reply, false, ready.authOffered());
                if (refusal.filter(Refusals.Kind.STARTTLS_REQUIRED::equals).isPresent()) {
                    return Outcome.fail(command.split("[ :]")[0] + " in cleartext was refused with 530, the server requires "
                            + "STARTTLS for local delivery: " + Dialog.oneLine(reply));
                }
                if (refusal.isPresent()) {
                    return Outcome.inconclusive(Refusals.notJudged(command.split("[ :]")[0] + " in cleartext", reply,
                            refusal.get(), ready.account()) + "; whether local delivery works without STARTTLS "
                            + "cannot be shown");
                }
                if (reply.codeClass() != 2 && reply.codeClass() != 3) {
                    return Outcome.inconclusive(command.split("[ :]")[0] + " was refused for a reason other than TLS, so "
                            + "local delivery without STARTTLS could not be shown: " + Dialog.oneLine(reply));
                }
            }
            return Outcome.pass("MAIL, RCPT TO:<" + dialog.variable("rcpt") + "> and DATA were accepted in cleartext "
                    + "(the message was not sent)");
        }
    }
}
