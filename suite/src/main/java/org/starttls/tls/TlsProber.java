package org.starttls.tls;

import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.starttls.cases.CaseContext;
import org.starttls.client.Reply;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpSession;
import org.starttls.client.TlsHandshakeException;
import org.starttls.summary.Profile;

/**
 * Opens one probe connection the way the profile says (EHLO and STARTTLS first, or TLS from the first byte for
 * implicit TLS), hands it to a Bouncy Castle {@link ProbeClient} and waits at most the timeout for the server's answer.
 */
public final class TlsProber {

    private TlsProber() {
    }

    public static ProbeOutcome probe(CaseContext context, ProbeOffer offer) {
        SmtpSession session = null;
        try {
            session = context.client().connect(context.target());
            if (context.profile() != Profile.IMPLICIT_TLS && !startTls(session, context)) {
                return ProbeOutcome.unknown("STARTTLS was not answered with 220, so the probe could not offer TLS")
                        .withTranscript(session.transcript().render());
            }
            ProbeClient client = new ProbeClient(offer, context.client().settings().sniName(context.target()));
            ProbeHandler handler = new ProbeHandler(client);
            try {
                session.handOver(handler);
            } catch (TlsHandshakeException closed) {
                return ProbeOutcome.closed("the server closed the connection after its 220, before the ClientHello")
                        .withTranscript(session.transcript().render());
            }
            ProbeOutcome outcome = await(handler.outcome(), context.timeout());
            session.transcript().event("probe offering " + offer.versions() + (offer.cipherSuites().isEmpty() ? ""
                    : " with " + offer.cipherSuites().stream().map(CipherSuites::name).toList()) + ": " + outcome.detail());
            return outcome.withTranscript(session.transcript().render());
        } catch (SessionException e) {
            String transcript = session == null ? "" : session.transcript().render();
            return ProbeOutcome.unknown("the probe's SMTP part failed: " + e.getMessage()).withTranscript(transcript);
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    private static boolean startTls(SmtpSession session, CaseContext context) throws SessionException {
        Reply greeting = session.readReply();
        if (greeting.code() != 220) {
            return false;
        }
        session.command("EHLO " + context.variables().getOrDefault("helo", "conformance.invalid"));
        return session.command("STARTTLS").code() == 220;
    }

    private static ProbeOutcome await(Promise<ProbeOutcome> outcome, Duration timeout) {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(false);
            return ProbeOutcome.unknown("no answer to the ClientHello within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeOutcome.unknown("interrupted while waiting for the server's answer");
        } catch (ExecutionException e) {
            return ProbeOutcome.unknown("the probe failed: " + e.getCause());
        }
    }
}
