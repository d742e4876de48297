package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.Reply;
import org.starttls.fixtures.server.Verb;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * A judged step that expects one code FAILs only on the reply that breaks its requirement ({@code S! 503 fail:2xx});
 * a refusal for another reason (authentication required, a policy, TLS unavailable for now) proves nothing either way
 * and leaves the case INCONCLUSIVE. A 2xx to RCPT after the handshake is a FAIL only on a server shown to refuse RCPT
 * without MAIL.
 */
class WhatARefusalProvesTest {

    private static final String ENVELOPE = "RFC3207-4.2-MUST-FORGET-ENVELOPE";
    private static final String PARAMETERS = "RFC3207-4-INFO-501-PARAMETERS";
    private static final String ALLOWED = "RFC3207-4-INFO-ALLOWED-BEFORE-TLS";

    @Test
    void anAuthenticationDemandForRcptInsideTlsSaysNothingAboutTheEnvelope() {
        Behaviour rcptNeedsAuthInsideTls = new Behaviour() {
            @Override
            protected boolean needsAuthentication(Verb verb, boolean tlsActive) {
                return verb == Verb.RCPT && tlsActive;
            }
        };
        for (String name : new String[] {ENVELOPE + "-AFTER-EHLO", ENVELOPE + "-WITHOUT-EHLO"}) {
            Summary.CaseSummary c = Judged.caseOf(rcptNeedsAuthInsideTls, Profile.OFFER_TLS, ENVELOPE, name);

            assertThat(c.verdict()).as(name + ": " + c.detail()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(c.detail()).as(name).contains("S! 503 fail:2xx").contains("530 5.7.0 Authentication required")
                    .contains("proves nothing either way");
        }
    }

    @Test
    void aRcptAcceptedWithoutAnyMailProvesNoEnvelopeSurvived() {
        // no sequence check at all: RCPT without MAIL gets 250 in cleartext as inside TLS
        Behaviour noSequenceCheck = replyTo(Verb.RCPT, 503, Reply.of(250, "2.1.5", "Recipient OK"));

        Summary.CaseSummary c = Judged.caseOf(noSequenceCheck, Profile.OFFER_TLS, ENVELOPE, ENVELOPE + "-WITHOUT-EHLO");

        assertThat(c.verdict()).as(c.detail()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(c.detail()).contains("(S: 503)").contains("setup step").contains("250 2.1.5 Recipient OK");
    }

    @Test
    void a454ToStartTlsWithAParameterIsNeitherTheRefusalNorAnAcceptance() {
        Behaviour tlsUnavailable = new Behaviour() {
            @Override
            protected Optional<Reply> refuseStartTls(String argument, boolean tlsActive) {
                return argument.isEmpty() ? super.refuseStartTls(argument, tlsActive)
                        : Optional.of(Reply.of(454, "4.7.0", "TLS not available due to temporary reason"));
            }
        };

        Summary.CaseSummary c = Judged.caseOf(tlsUnavailable, Profile.REQUIRE_TLS, PARAMETERS, PARAMETERS);

        assertThat(c.verdict()).as(c.detail()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(c.detail()).contains("S! 501 fail:2xx").contains("454 4.7.0").contains("proves nothing either way");
    }

    @Test
    void aPolicyRefusalOfNoopIsNotTheDemandForStartTls() {
        Behaviour noopBlocked = replyTo(Verb.NOOP, 250, Reply.of(554, "5.7.1", "Access denied"));

        Summary.CaseSummary c = Judged.caseOf(noopBlocked, Profile.REQUIRE_TLS, ALLOWED, ALLOWED + "-NOOP");

        assertThat(c.verdict()).as(c.detail()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(c.detail()).contains("S! 250 fail:530").contains("554 5.7.1 Access denied")
                .contains("proves nothing either way");
    }

    /** The reference server, but {@code verb}'s replies with {@code code} are {@code instead}. */
    private static Behaviour replyTo(Verb verb, int code, Reply instead) {
        return new Behaviour() {
            @Override
            protected ChannelFuture emit(ChannelHandlerContext ctx, Verb cause, Reply reply) {
                return super.emit(ctx, cause, cause == verb && reply.code() == code ? instead : reply);
            }
        };
    }
}
