package org.starttls.checks.server.tls;

import java.util.Optional;
import org.starttls.client.TlsFacts;
import org.starttls.tls.ProbeOutcome.Result;
import org.starttls.tls.ProbeOutcome;

/**
 * What a probe's outcome proves about the offer it made. A server that closes the connection (or sends an alert other
 * than protocol_version) on a weak ClientHello may be refusing that offer, or every ClientHello: only when the same run
 * completed a modern handshake with the target (the target's probe session, with the JDK's TLS) is it a refusal of
 * the offer. A protocol_version alert names the reason itself and is always a refusal of the offered versions.
 *
 * @param result what the outcome counts as: ACCEPTED, REFUSED or UNKNOWN (never CLOSED)
 * @param detail the outcome's sentence, with the reason when a refusal was not counted or counted by the rule above
 */
record ProbeJudgement(Result result, String detail) {

    static ProbeJudgement of(ProbeOutcome outcome, Optional<TlsFacts> modernHandshake) {
        return switch (outcome.result()) {
            case ACCEPTED, UNKNOWN -> new ProbeJudgement(outcome.result(), outcome.detail());
            case REFUSED, CLOSED -> {
                if (outcome.protocolVersionAlert()) {
                    yield new ProbeJudgement(Result.REFUSED, outcome.detail());
                }
                yield modernHandshake
                        .map(tls -> new ProbeJudgement(Result.REFUSED, outcome.detail() + "; a refusal of this offer, "
                                + "since the target's probe session in this run completed a " + tls.protocol()
                                + " handshake"))
                        .orElseGet(() -> new ProbeJudgement(Result.UNKNOWN, outcome.detail() + "; no TLS handshake "
                                + "with this target succeeded in this run, so this may be the server refusing every "
                                + "ClientHello: it says nothing about this offer"));
            }
        };
    }
}
