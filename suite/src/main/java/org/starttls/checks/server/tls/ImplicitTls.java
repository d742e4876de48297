package org.starttls.checks.server.tls;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.starttls.cases.CaseContext;
import org.starttls.cases.Check;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.checks.Dialog;
import org.starttls.client.ConnectionClosedException;
import org.starttls.client.MalformedReplyException;
import org.starttls.client.Reply;
import org.starttls.client.ReplyTimeoutException;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpSession;
import org.starttls.client.TlsHandshakeException;
import org.starttls.requirements.Requirement;
import org.starttls.summary.Verdict;

/** RFC 8314 §3.3 on the implicit-TLS port: TLS before any SMTP byte, and no SMTP for a plaintext client. */
final class ImplicitTls {

    /** A server that talks first in plaintext does so at once; waiting longer only slows every run. */
    private static final Duration PLAINTEXT_WATCH = Duration.ofSeconds(1);

    private ImplicitTls() {
    }

    /** Nothing arrives in plaintext before the ClientHello, and the greeting comes inside TLS. */
    static final class HandshakeFirst implements Check {
        @Override
        public List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
            Check.noArguments(arguments);
            return List.of(new TlsCase(requirement, "Nothing arrives in plaintext before the ClientHello, and the 220 "
                    + "greeting comes inside TLS", HandshakeFirst.class, ImplicitTls::handshakeFirst));
        }
    }

    /** A plaintext client gets no SMTP on the implicit-TLS port. */
    static final class NoPlaintextSmtp implements Check {
        @Override
        public List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
            Check.noArguments(arguments);
            return List.of(new TlsCase(requirement, "A plaintext EHLO gets no SMTP reply: a TLS alert, a close or silence",
                    NoPlaintextSmtp.class, ImplicitTls::plaintextUnanswered));
        }
    }

    private static Outcome handshakeFirst(CaseContext context) {
        Duration watch = PLAINTEXT_WATCH.compareTo(context.timeout()) < 0 ? PLAINTEXT_WATCH : context.timeout();
        try (SmtpSession plain = context.client().connect(context.target())) {
            // A close sends no plaintext, but the quote asks for a handshake at connect, and a connection the server
            // closed shows none: INCONCLUSIVE, as a 421 is.
            Optional<Outcome> unquiet = Dialog.silenceAfter(plain.quiet(watch), "the connect, before any ClientHello",
                    Dialog.Closing.PROVES_NOTHING, before -> new Outcome(Verdict.FAIL, "before any ClientHello the "
                            + "server sent " + before.describe(), plain.transcript().render()));
            if (unquiet.isPresent()) {
                return unquiet.get();
            }
        } catch (SessionException e) {
            return new Outcome(Verdict.INCONCLUSIVE, "no plaintext connection: " + e.getMessage());
        }
        SmtpSession tls = null;
        try {
            tls = context.client().connectImplicitTls(context.target());
            Reply greeting = tls.readReply();
            if (greeting.code() == 421) {
                return new Outcome(Verdict.INCONCLUSIVE, "the handshake began at connect, but inside TLS the server "
                        + "closed the service (" + Dialog.oneLine(greeting) + "): a 421 may come at any time (RFC 5321 "
                        + "§3.8), so whether the greeting comes inside TLS cannot be told", tls.transcript().render());
            }
            Verdict verdict = greeting.code() == 220 ? Verdict.PASS : Verdict.FAIL;
            return new Outcome(verdict, "silent for " + watch.toMillis() + " ms in plaintext; inside TLS the greeting is "
                    + greeting.code() + " " + greeting.text(), tls.transcript().render());
        } catch (TlsHandshakeException e) {
            return new Outcome(Verdict.FAIL, "no TLS handshake at connect: " + e.getMessage());
        } catch (SessionException e) {
            return new Outcome(Verdict.INCONCLUSIVE, "no greeting inside TLS: " + e.getMessage());
        } finally {
            if (tls != null) {
                tls.close();
            }
        }
    }

    private static Outcome plaintextUnanswered(CaseContext context) {
        SmtpSession plain = null;
        try {
            plain = context.client().connect(context.target());
            plain.send("EHLO " + context.variables().getOrDefault("helo", "conformance.invalid"));
            Reply reply = plain.readReply();
            return new Outcome(Verdict.FAIL, "the plaintext EHLO was answered as SMTP: " + reply.code() + " "
                    + reply.text(), plain.transcript().render());
        } catch (ReplyTimeoutException e) {
            return passed(plain, "no SMTP reply, only silence for " + context.timeout().toMillis() + " ms");
        } catch (MalformedReplyException e) {
            return passed(plain, "no SMTP reply; the server answered with non-SMTP bytes (a TLS alert): " + e.getMessage());
        } catch (ConnectionClosedException e) {
            return passed(plain, "no SMTP reply; the server closed the connection");
        } catch (SessionException e) {
            return new Outcome(Verdict.INCONCLUSIVE, "no plaintext connection: " + e.getMessage());
        } finally {
            if (plain != null) {
                plain.close();
            }
        }
    }

    private static Outcome passed(SmtpSession session, String detail) {
        return new Outcome(Verdict.PASS, detail, session.transcript().render());
    }
}
