package org.starttls.checks.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.starttls.cases.Check;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.checks.Dialog;
import org.starttls.checks.DialogCheck;
import org.starttls.checks.JavaCase;
import org.starttls.checks.Refusals;
import org.starttls.checks.SetupFailed;
import org.starttls.client.DesynchronisedException;
import org.starttls.client.Reply;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpSession;
import org.starttls.client.TlsHandshakeException;
import org.starttls.config.Credentials;
import org.starttls.requirements.Requirement;

/** RFC 3207 §4.2 and §6: after the handshake the server starts afresh and acts on TLS being active. */
final class ResetCases {

    private ResetCases() {
    }

    /**
     * MAIL right after the handshake, without a new EHLO. A 503 proves the pre-TLS EHLO was forgotten. A 250 proves
     * nothing by itself, because RFC 5321 lets a server accept MAIL without EHLO (Postfix with smtpd_helo_required = no);
     * only a control session that never sent EHLO and gets 503 turns it into proof that the EHLO was remembered.
     */
    static final class ForgetsEhlo extends DialogCheck {
        ForgetsEhlo() {
            super("MAIL right after the handshake without a new EHLO gets 503, unless the server never requires EHLO");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            SmtpSession session = dialog.afterEhlo();
            dialog.startTls(session);
            String mail = dialog.expand("MAIL FROM:<${mail_from}>");
            Reply afterTls = dialog.command(session, mail);
            if (afterTls.code() == 503) {
                return Outcome.pass("MAIL right after the handshake got 503: the cleartext EHLO was forgotten");
            }
            if (afterTls.codeClass() != 2) {
                return Outcome.inconclusive("MAIL right after the handshake got " + Dialog.oneLine(afterTls)
                        + ", neither 503 (EHLO forgotten) nor 250, so the requirement cannot be judged");
            }
            SmtpSession control = dialog.greeted();
            Reply ready = dialog.command(control, "STARTTLS");
            if (ready.code() != 220) {
                // the session above did STARTTLS, so the requirement applies; only the control that would show it failed
                return Outcome.inconclusive("MAIL after the handshake was accepted, and the control session (no EHLO at "
                        + "all) could not start TLS (" + Dialog.oneLine(ready) + "), so whether the server requires EHLO "
                        + "before MAIL, and so whether it forgot the cleartext EHLO, is unknown");
            }
            control.startTls();
            Reply withoutEhlo = dialog.command(control, mail);
            if (withoutEhlo.code() == 503) {
                return Outcome.fail("the server requires EHLO before MAIL (the control session that never sent EHLO got "
                        + "503) but accepted MAIL right after the handshake of a session that had sent EHLO in cleartext: "
                        + "it kept the pre-TLS EHLO");
            }
            if (withoutEhlo.codeClass() != 2) {
                return Outcome.inconclusive("MAIL after the handshake was accepted, but in the control session (no EHLO "
                        + "at all) it got " + Dialog.oneLine(withoutEhlo) + ", neither 503 (EHLO required) nor 250, so "
                        + "whether the server requires EHLO before MAIL is unknown");
            }
            return Outcome.notApplicable("the server accepts MAIL without any EHLO (control session: " + withoutEhlo.code()
                    + "), which RFC 5321 allows, so whether it forgot the cleartext EHLO cannot be observed (INFO)");
        }
    }

    /**
     * AUTH PLAIN before TLS, then again inside TLS: 235 there shows the cleartext authentication was forgotten, 503
     * (already authenticated) that it survived, when the EHLO reply inside TLS offers AUTH PLAIN: without it a 503 may
     * only say that AUTH is not enabled there. The bare {@code AUTH PLAIN} asks first, so the password goes out in
     * cleartext only to a server that asks for it (334) and only over loopback, where no network can read it.
     */
    static final class ForgetsAuth extends DialogCheck {
        private static final String AUTH_MASKED = "AUTH PLAIN " + Credentials.MASK;

        ForgetsAuth() {
            super("After AUTH succeeded in cleartext, AUTH inside TLS is carried out anew (235), not refused as "
                            + "already authenticated (503)");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            Optional<Credentials> account = dialog.context().credentials();
            if (account.isEmpty()) {
                return Outcome.notApplicable("the case authenticates before and inside TLS and no AUTH account is "
                        + "configured: give smtp.auth.user/smtp.auth.password (or SMTP_AUTH_USER / SMTP_AUTH_PASSWORD)");
            }
            String response = account.get().plainResponse();
            SmtpSession session = dialog.afterEhlo();
            Reply asked = dialog.command(session, "AUTH PLAIN");
            if (asked.code() != 334) {
                return Outcome.notApplicable("AUTH before TLS was refused (" + Dialog.oneLine(asked) + "): nothing was "
                        + "learned before TLS, so nothing can be remembered after it; that is the good case");
            }
            if (!session.loopback()) {
                dialog.command(session, "*");
                return Outcome.notApplicable("the server asks for a password before TLS (334 to AUTH PLAIN, judged by "
                        + "RFC4954-4-SHOULDNOT-PLAINTEXT-AUTH-BEFORE-TLS); the suite sends a password in cleartext only "
                        + "over loopback, so whether AUTH survives the handshake is seen only when run on the server's "
                        + "host against 127.0.0.1 or ::1");
            }
            Reply clear = dialog.maskedCommand(session, response, Credentials.MASK);
            if (clear.code() != 235) {
                return Outcome.notApplicable("the account was not accepted before TLS (" + Dialog.oneLine(clear)
                        + "): nothing was authenticated before TLS, so nothing can be remembered after it");
            }
            dialog.startTls(session);
            Reply ehlo = dialog.setup(session, "EHLO " + dialog.variable("helo"), 250);
            Optional<String> unsafe = Credentials.unsafeToSend(session);
            if (unsafe.isPresent()) {
                return Outcome.inconclusive("not sending the AUTH credentials inside TLS: " + unsafe.get());
            }
            Reply inTls = dialog.maskedCommand(session, "AUTH PLAIN " + response, AUTH_MASKED);
            if (inTls.code() == 235) {
                return Outcome.pass("AUTH inside TLS got 235: the authentication from before TLS was forgotten and "
                        + "carried out anew");
            }
            if (inTls.code() == 503 && !Refusals.offersMechanism(ehlo, "PLAIN")) {
                return Outcome.inconclusive("AUTH inside TLS got " + Dialog.oneLine(inTls) + ", but the EHLO reply "
                        + "inside TLS offers no AUTH PLAIN, so the 503 may say that authentication is not enabled here, "
                        + "not that the cleartext authentication survived the handshake");
            }
            if (inTls.code() == 503) {
                return Outcome.fail("AUTH inside TLS got " + Dialog.oneLine(inTls) + " after AUTH had succeeded (235) "
                        + "in cleartext: the cleartext authentication survived the handshake");
            }
            return Outcome.inconclusive("AUTH inside TLS got " + Dialog.oneLine(inTls) + ", neither 235 (forgotten) "
                    + "nor 503 (already authenticated), so the requirement cannot be judged");
        }
    }

    /**
     * A command pipelined in cleartext behind STARTTLS, in the same TCP write (CVE-2011-0411). Acceptable: a refused
     * STARTTLS, a close, or exactly one reply to the one NOOP sent inside TLS followed by silence (the NOOP proves the
     * session is alive). A second reply is the injected command being executed inside TLS; a 220 greeting sent again
     * after the handshake is not ({@link StrayGreeting}), nor a 421 closing the service: the case cannot judge then.
     */
    static final class PipelinedPlaintext implements Check {
        /** What is pipelined behind STARTTLS, by the label that ends the case name. */
        private static final Map<String, String> PAYLOADS = new LinkedHashMap<>();

        static {
            PAYLOADS.put("NOOP", "NOOP");
            PAYLOADS.put("EHLO", "EHLO ${helo}");
            PAYLOADS.put("MAIL", "MAIL FROM:<${mail_from}>");
            PAYLOADS.put("RSET", "RSET");
        }

        @Override
        public List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
            Check.noArguments(arguments);
            return PAYLOADS.entrySet().stream().<ConformanceCase>map(e -> new JavaCase(requirement,
                    requirement.id() + "-" + e.getKey(), e.getKey() + " pipelined in cleartext behind STARTTLS is never "
                    + "answered inside TLS", List.of(), List.of(), PipelinedPlaintext.class, Dialog.QUIET,
                    dialog -> check(dialog, e.getValue()))).toList();
        }

        private static Outcome check(Dialog dialog, String payload) throws SessionException, SetupFailed {
            SmtpSession session = dialog.afterEhlo();
            String injected = dialog.expand(payload);
            session.sendRaw(("STARTTLS\r\n" + injected + "\r\n").getBytes(StandardCharsets.US_ASCII));
            Reply ready = dialog.replyTo(session, "STARTTLS + " + injected + " in one write");
            // a refusal or a close is the server refusing the injection only if the target completes a handshake otherwise
            Optional<String> handshake = dialog.context().facts().tls().map(t -> t.protocol());
            if (ready.code() != 220) {
                return refused(ready, handshake);
            }
            try {
                session.startTls();
            } catch (TlsHandshakeException e) {
                boolean closed = e.peerClosed();
                if (closed && handshake.isPresent()) {
                    return Outcome.pass("the server closed the connection instead of running the injected command ("
                            + e.getMessage() + "), while the target's probe session completed a " + handshake.get()
                            + " handshake");
                }
                return Outcome.inconclusive("the TLS handshake after the 220 failed, so whether the injected command "
                        + "would run inside TLS cannot be seen: " + e.getMessage() + (closed ? "; no TLS handshake with "
                        + "this target succeeded in this run, so the close may be the server refusing every ClientHello" : ""));
            }
            // One command inside TLS, then silence: the injected command's reply, early or late, would be a second one.
            Reply first;
            try {
                first = dialog.command(session, "NOOP");
            } catch (DesynchronisedException e) {
                Optional<Reply> greeting = StrayGreeting.in(e);
                if (greeting.isPresent()) {
                    return StrayGreeting.unjudged(greeting.get(), "NOOP or the injected " + injected);
                }
                return Outcome.fail("a reply arrived inside TLS before any command was sent there ('" + e.stray()
                        + "'): the cleartext " + injected + " pipelined behind STARTTLS was answered inside TLS");
            }
            Optional<Reply> greeting = StrayGreeting.in(first);
            if (greeting.isPresent()) {
                return StrayGreeting.unjudged(greeting.get(), "NOOP or the injected " + injected);
            }
            Optional<Outcome> unquiet = Dialog.silenceAfter(session.quiet(Dialog.QUIET), "the reply to NOOP inside TLS",
                    Dialog.Closing.PROVES_NOTHING, after -> Outcome.fail("one NOOP inside TLS drew two replies ("
                            + Dialog.oneLine(first) + ", then " + after.describe() + "): the cleartext " + injected
                            + " pipelined behind STARTTLS was answered inside TLS"));
            if (unquiet.isPresent()) {
                return unquiet.get();
            }
            if (first.code() != 250) {
                return Outcome.inconclusive("NOOP inside TLS got " + Dialog.oneLine(first) + " instead of 250, so the "
                        + "session's liveness is not shown");
            }
            return Outcome.pass("NOOP inside TLS got exactly one reply (250) and nothing followed for "
                    + Dialog.QUIET.toMillis() + " ms: the injected " + injected + " was discarded");
        }

        /**
         * STARTTLS with data behind it answered with something else than 220. A 454 is the server's temporary refusal,
         * and a server that refuses STARTTLS every time refuses it without looking at what follows: only a lasting
         * refusal from a server that completed a handshake in its probe session refuses the pipelined data.
         */
        private static Outcome refused(Reply ready, Optional<String> handshake) {
            if (ready.code() == 454) {
                return Outcome.inconclusive("the server refused STARTTLS with 454, TLS temporarily unavailable ("
                        + Dialog.oneLine(ready) + "), which is no refusal of the data pipelined behind it");
            }
            if (handshake.isEmpty()) {
                return Outcome.inconclusive("the server refused STARTTLS with pipelined data behind it ("
                        + Dialog.oneLine(ready) + "), but no TLS handshake with this target succeeded in this run, so "
                        + "it may refuse every STARTTLS");
            }
            return Outcome.pass("the server refused STARTTLS with pipelined data behind it (" + Dialog.oneLine(ready)
                    + "), while the target's probe session completed a " + handshake.get() + " handshake; nothing "
                    + "reached a TLS session");
        }
    }

    /**
     * Inside TLS a 530 can no longer mean "issue STARTTLS"; RFC 4954 §6 gives it one meaning there, "authentication
     * required", which needs AUTH to be offered. A 530 to MAIL inside TLS without AUTH, or one whose text demands
     * STARTTLS ("Must issue a STARTTLS command first") whatever is offered, shows a server still demanding STARTTLS
     * ({@link Refusals}).
     */
    static final class No530InsideTls extends DialogCheck {
        No530InsideTls() {
            super("MAIL inside TLS is not refused with 530 unless AUTH is offered (then 530 means authentication required)");
        }

        @Override
        protected Optional<String> nameSuffix() {
            return Optional.of("NO-530-INSIDE-TLS");
        }

        @Override
        protected Outcome check(Dialog dialog) throws SessionException, SetupFailed {
            Dialog.Ready ready = dialog.ready();
            Reply mail = dialog.command(ready.session(), dialog.expand("MAIL FROM:<${mail_from}>"));
            if (mail.code() != 530) {
                return Outcome.pass("MAIL inside TLS got " + mail.code() + ", not a demand for STARTTLS");
            }
            Optional<Refusals.Kind> meaning = Refusals.of(mail, true, ready.authOffered());
            if (meaning.filter(Refusals.Kind.AUTHENTICATION_REQUIRED::equals).isPresent()) {
                return Outcome.pass("MAIL inside TLS got 530 with AUTH offered: authentication required (RFC 4954 §6): "
                        + Dialog.oneLine(mail));
            }
            return Outcome.fail(ready.authOffered()
                    ? "MAIL inside TLS was refused with a 530 that demands STARTTLS, on an encrypted session (AUTH is "
                            + "offered, but this 530 does not ask for it): " + Dialog.oneLine(mail)
                    : "MAIL inside TLS was refused with 530 although the EHLO reply inside TLS offers no AUTH: the server "
                            + "still demands STARTTLS on an encrypted session: " + Dialog.oneLine(mail));
        }
    }
}
