package org.starttls.cases.tls;

import java.time.Duration;
import java.util.List;
import org.starttls.cases.tls.TlsCase.Judgement;
import org.starttls.catalogue.TlsRequirements;
import org.starttls.client.ConnectionClosedException;
import org.starttls.client.MalformedReplyException;
import org.starttls.client.QuietResult;
import org.starttls.client.Reply;
import org.starttls.client.ReplyTimeoutException;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpSession;
import org.starttls.client.TlsHandshakeException;
import org.starttls.run.CaseContext;
import org.starttls.run.ConformanceCase;
import org.starttls.run.Verdict;

/** RFC 8314 §3.3 on the implicit-TLS port: TLS before any SMTP byte, and no SMTP for a plaintext client. */
final class ImplicitTlsCases {

    /** A server that talks first in plaintext does so at once; waiting longer only slows every run. */
    private static final Duration PLAINTEXT_WATCH = Duration.ofSeconds(1);

    private ImplicitTlsCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(new TlsCase(TlsRequirements.IMPLICIT_HANDSHAKE_FIRST,
                "Nothing arrives in plaintext before the ClientHello, and the 220 greeting comes inside TLS") {
            @Override
            Judgement judge(CaseContext context) {
                return handshakeFirst(context);
            }
        }, new TlsCase(TlsRequirements.IMPLICIT_NO_PLAINTEXT,
                "A plaintext EHLO gets no SMTP reply: a TLS alert, a close or silence") {
            @Override
            Judgement judge(CaseContext context) {
                return plaintextUnanswered(context);
            }
        });
    }

    private static Judgement handshakeFirst(CaseContext context) {
        Duration watch = PLAINTEXT_WATCH.compareTo(context.timeout()) < 0 ? PLAINTEXT_WATCH : context.timeout();
        try (SmtpSession plain = context.client().connect(context.target())) {
            QuietResult before = plain.quiet(watch);
            if (!(before instanceof QuietResult.Silence)) {
                return new Judgement(Verdict.FAIL, "before any ClientHello the server " + before.describe(),
                        plain.transcript().render());
            }
        } catch (SessionException e) {
            return Judgement.of(Verdict.INCONCLUSIVE, "no plaintext connection: " + e.getMessage());
        }
        SmtpSession tls = null;
        try {
            tls = context.client().connectImplicitTls(context.target());
            Reply greeting = tls.readReply();
            Verdict verdict = greeting.code() == 220 ? Verdict.PASS : Verdict.FAIL;
            return new Judgement(verdict, "silent for " + watch.toMillis() + " ms in plaintext; inside TLS the greeting is "
                    + greeting.code() + " " + greeting.text(), tls.transcript().render());
        } catch (TlsHandshakeException e) {
            return Judgement.of(Verdict.FAIL, "no TLS handshake at connect: " + e.getMessage());
        } catch (SessionException e) {
            return Judgement.of(Verdict.INCONCLUSIVE, "no greeting inside TLS: " + e.getMessage());
        } finally {
            if (tls != null) {
                tls.close();
            }
        }
    }

    private static Judgement plaintextUnanswered(CaseContext context) {
        SmtpSession plain = null;
        try {
            plain = context.client().connect(context.target());
            plain.send("EHLO " + context.variables().getOrDefault("helo", "conformance.invalid"));
            Reply reply = plain.readReply();
            return new Judgement(Verdict.FAIL, "the plaintext EHLO was answered as SMTP: " + reply.code() + " "
                    + reply.text(), plain.transcript().render());
        } catch (ReplyTimeoutException e) {
            return passed(plain, "no SMTP reply, only silence for " + context.timeout().toMillis() + " ms");
        } catch (MalformedReplyException e) {
            return passed(plain, "no SMTP reply; the server answered with non-SMTP bytes (a TLS alert): " + e.getMessage());
        } catch (ConnectionClosedException e) {
            return passed(plain, "no SMTP reply; the server closed the connection");
        } catch (SessionException e) {
            return Judgement.of(Verdict.INCONCLUSIVE, "no plaintext connection: " + e.getMessage());
        } finally {
            if (plain != null) {
                plain.close();
            }
        }
    }

    private static Judgement passed(SmtpSession session, String detail) {
        return new Judgement(Verdict.PASS, detail, session.transcript().render());
    }
}
