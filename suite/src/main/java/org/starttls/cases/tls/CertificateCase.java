package org.starttls.cases.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.starttls.catalogue.Profile;
import org.starttls.catalogue.TlsRequirements;
import org.starttls.client.TlsFacts;
import org.starttls.client.TrustConfig;
import org.starttls.run.CaseContext;
import org.starttls.run.Verdict;
import org.starttls.tls.CertificateFacts;

/**
 * A check of the certificate the server presented to the target's probe session (with SNI when the expected name is
 * a DNS name). No extra connection unless the check asks for one. Not applicable with {@code smtp.tls.trust=any};
 * for an {@code offer-tls} target only with {@code smtp.tls.strict=true}, since an opportunistic MX is reported under
 * {@link TlsRequirements#OPPORTUNISTIC_CERT} instead (RFC 7435).
 */
final class CertificateCase extends TlsCase {

    /** What a check gets: the chain as sent, its leaf's facts, the anchors, and the name the certificate must carry. */
    record Presented(List<X509Certificate> chain, CertificateFacts leaf, TrustConfig trust, String expectedName,
                     CaseContext context) {
    }

    @FunctionalInterface
    interface Check {
        Judgement judge(Presented presented);
    }

    private final Check check;
    private final boolean opportunistic;

    CertificateCase(String requirementId, String description, Check check) {
        super(requirementId, description);
        this.check = check;
        this.opportunistic = requirementId.equals(TlsRequirements.OPPORTUNISTIC_CERT);
    }

    @Override
    Judgement judge(CaseContext context) {
        TrustConfig trust = context.client().settings().trust();
        if (trust instanceof TrustConfig.Any) {
            return Judgement.of(Verdict.NOT_APPLICABLE, "smtp.tls.trust=any: the certificate is not judged");
        }
        if (!opportunistic && context.profile() == Profile.OFFER_TLS && !context.tlsStrict()) {
            return Judgement.of(Verdict.NOT_APPLICABLE, "offer-tls: certificate problems of an opportunistic MX are "
                    + "reported under " + TlsRequirements.OPPORTUNISTIC_CERT + "; -Dsmtp.tls.strict=true judges them here");
        }
        Optional<TlsFacts> tls = context.facts().tls();
        if (tls.isEmpty() || tls.get().peerChain().isEmpty()) {
            return Judgement.of(Verdict.INCONCLUSIVE, "the probe session saw no server certificate: "
                    + context.facts().problem().orElse("no TLS session"));
        }
        List<X509Certificate> chain = tls.get().peerChain();
        return check.judge(new Presented(chain, CertificateFacts.of(chain.get(0)), trust,
                context.client().settings().expectedName(context.target()), context));
    }
}
