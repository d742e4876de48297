package org.starttls.checks.server.tls;

import static org.starttls.summary.Verdict.FAIL;
import static org.starttls.summary.Verdict.PASS;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.starttls.cases.CaseContext;
import org.starttls.cases.Check;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.client.TlsFacts;
import org.starttls.client.TrustConfig;
import org.starttls.requirements.Requirement;
import org.starttls.summary.Profile;
import org.starttls.summary.Verdict;
import org.starttls.tls.CertificateFacts;
import org.starttls.tls.ChainCheck;
import org.starttls.tls.NameCheck;
import org.starttls.tls.ProbeOffer;
import org.starttls.tls.ProbeOutcome;
import org.starttls.tls.TlsProber;

/**
 * A check of the certificate the server presented to the target's probe session (with SNI when the expected name is
 * a DNS name). No extra connection unless the check asks for one. Not applicable with {@code smtp.tls.trust=any};
 * for an {@code offer-tls} target only with {@code smtp.tls.strict=true}, since the certificate problems of an
 * opportunistic MX are reported at INFO level instead (RFC 7435), by the {@code OPPORTUNISTIC} aspect. Written
 * {@code @check CertificateCheck CHAIN} in the requirement file.
 */
final class CertificateCheck implements Check {

    /** What a check gets: the chain as sent, its leaf's facts, the anchors, and the names one of which the leaf must carry. */
    record Presented(List<X509Certificate> chain, CertificateFacts leaf, TrustConfig trust, List<String> expectedNames,
                     CaseContext context) {
    }

    /** The aspects of the certificate a requirement can name. */
    enum Aspect {
        CHAIN("The chain validates to the configured anchors (RFC 5280 path validation)", CertificateCheck::chain),
        NAME("The expected server name matches a subjectAltName (RFC 6125); the certificate without SNI is recorded",
                CertificateCheck::name),
        VALIDITY("The run's clock is inside the certificate's validity window", CertificateCheck::validity),
        KEY_STRENGTH("The certificate key is RSA of at least 2048 bits or EC of at least 256 bits",
                CertificateCheck::keyStrength),
        SIGNATURE("No certificate the server sends (trust anchors aside) is signed with MD5 or SHA-1",
                CertificateCheck::signature),
        OPPORTUNISTIC("Every certificate problem of an opportunistic MX, at INFO level", CertificateCheck::opportunistic);

        private final String description;
        private final Function<Presented, Outcome> judge;

        Aspect(String description, Function<Presented, Outcome> judge) {
            this.description = description;
            this.judge = judge;
        }
    }

    @Override
    public List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
        Aspect aspect = Check.oneOf(Aspect.class, arguments);
        return List.of(new TlsCase(requirement, aspect.description, CertificateCheck.class, context -> judge(context, aspect)));
    }

    private static Outcome judge(CaseContext context, Aspect aspect) {
        TrustConfig trust = context.client().settings().trust();
        if (trust instanceof TrustConfig.Any) {
            return Outcome.notApplicable("smtp.tls.trust=any: the certificate is not judged");
        }
        if (aspect != Aspect.OPPORTUNISTIC && context.profile() == Profile.OFFER_TLS && !context.tlsStrict()) {
            return Outcome.notApplicable("offer-tls: certificate problems of an opportunistic MX are reported at INFO "
                    + "level (RFC 7435); -Dsmtp.tls.strict=true judges them here");
        }
        Optional<TlsFacts> tls = context.facts().tls();
        if (tls.isEmpty() || tls.get().peerChain().isEmpty()) {
            return Outcome.inconclusive("the probe session saw no server certificate: "
                    + context.facts().problem().orElse("no TLS session"));
        }
        List<X509Certificate> chain = tls.get().peerChain();
        return aspect.judge.apply(new Presented(chain, CertificateFacts.of(chain.get(0)), trust,
                context.client().settings().expectedNames(context.target()), context));
    }

    private static Outcome chain(Presented p) {
        return ChainCheck.problem(p.chain(), p.trust())
                .map(Outcome::fail)
                .orElseGet(() -> Outcome.pass("the chain of " + p.chain().size() + " certificate(s) validates to "
                        + p.trust().describe() + "; leaf " + p.leaf().summary()));
    }

    private static Outcome name(Presented p) {
        NameCheck.Result result = NameCheck.check(p.expectedNames(), p.leaf());
        ProbeOutcome withoutSni = TlsProber.probe(p.context(), ProbeOffer.withoutSni());
        String sni = withoutSni.chain().isEmpty()
                ? "without SNI: no certificate (" + withoutSni.detail() + ")"
                : withoutSni.chain().get(0).equals(p.chain().get(0)) ? "without SNI: the same certificate"
                : "without SNI: a different certificate, " + CertificateFacts.of(withoutSni.chain().get(0)).subject();
        return new Outcome(result.matches() ? PASS : FAIL, result.explanation() + "; " + sni, withoutSni.transcript());
    }

    private static Outcome validity(Presented p) {
        Instant now = Instant.now();
        CertificateFacts leaf = p.leaf();
        if (now.isAfter(leaf.notAfter())) {
            return Outcome.fail("the certificate expired at " + leaf.notAfter() + " (now " + now + ")");
        }
        if (now.isBefore(leaf.notBefore())) {
            return Outcome.fail("the certificate is not valid before " + leaf.notBefore() + " (now " + now + ")");
        }
        return Outcome.pass("valid from " + leaf.notBefore() + " to " + leaf.notAfter() + " (now " + now + ")");
    }

    private static Outcome keyStrength(Presented p) {
        return p.leaf().weakKey().map(Outcome::fail)
                .orElseGet(() -> Outcome.pass("certificate key " + p.leaf().key()));
    }

    private static Outcome signature(Presented p) {
        List<String> weak = p.chain().stream().map(CertificateFacts::of).filter(c -> !c.selfIssued())
                .filter(CertificateFacts::weakSignature).map(c -> c.subject() + " signed " + c.signatureAlgorithm()).toList();
        return weak.isEmpty()
                ? Outcome.pass("signatures: " + p.chain().stream().map(CertificateFacts::of)
                        .map(CertificateFacts::signatureAlgorithm).toList())
                : Outcome.fail(String.join("; ", weak));
    }

    /** Every other certificate check, folded into one INFO finding. */
    private static Outcome opportunistic(Presented p) {
        List<String> problems = new ArrayList<>();
        for (Outcome o : List.of(chain(p), nameOnly(p), validity(p), keyStrength(p), signature(p))) {
            if (o.verdict() == Verdict.FAIL) {
                problems.add(o.detail());
            }
        }
        return problems.isEmpty()
                ? Outcome.pass("the certificate validates, names " + String.join(" or ", p.expectedNames()) + " and is current and strong")
                : Outcome.fail("an authenticating sender (DANE, MTA-STS) would reject this certificate: "
                        + String.join("; ", problems));
    }

    private static Outcome nameOnly(Presented p) {
        NameCheck.Result result = NameCheck.check(p.expectedNames(), p.leaf());
        return new Outcome(result.matches() ? PASS : FAIL, result.explanation());
    }
}
