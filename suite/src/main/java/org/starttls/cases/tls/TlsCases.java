package org.starttls.cases.tls;

import static org.starttls.run.Verdict.FAIL;
import static org.starttls.run.Verdict.PASS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tls.CipherSuite;
import org.starttls.catalogue.TlsRequirements;
import org.starttls.cases.tls.CertificateCase.Presented;
import org.starttls.cases.tls.TlsCase.Judgement;
import org.starttls.run.ConformanceCase;
import org.starttls.run.Verdict;
import org.starttls.tls.CertificateFacts;
import org.starttls.tls.ChainCheck;
import org.starttls.tls.NameCheck;
import org.starttls.tls.ProbeOffer;
import org.starttls.tls.ProbeOutcome;
import org.starttls.tls.TlsProber;
import org.starttls.tls.TlsVersion;

/** The TLS-level cases: protocol versions, the certificate, forbidden cipher suites, implicit TLS. */
public final class TlsCases {

    static final List<Integer> NULL_SUITES = List.of(CipherSuite.TLS_RSA_WITH_NULL_SHA256, CipherSuite.TLS_RSA_WITH_NULL_SHA,
            CipherSuite.TLS_RSA_WITH_NULL_MD5, CipherSuite.TLS_ECDHE_ECDSA_WITH_NULL_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_NULL_SHA);
    static final List<Integer> RC4_SUITES = List.of(CipherSuite.TLS_RSA_WITH_RC4_128_SHA, CipherSuite.TLS_RSA_WITH_RC4_128_MD5,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_RC4_128_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_RC4_128_SHA);
    static final List<Integer> EXPORT_SUITES = List.of(CipherSuite.TLS_RSA_EXPORT_WITH_RC4_40_MD5,
            CipherSuite.TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5, CipherSuite.TLS_RSA_EXPORT_WITH_DES40_CBC_SHA,
            CipherSuite.TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA, CipherSuite.TLS_RSA_WITH_DES_CBC_SHA,
            CipherSuite.TLS_DHE_RSA_WITH_DES_CBC_SHA);
    static final List<Integer> TRIPLE_DES_SUITES = List.of(CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,
            CipherSuite.TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA);
    static final List<Integer> ANON_SUITES = List.of(CipherSuite.TLS_ECDH_anon_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_ECDH_anon_WITH_AES_256_CBC_SHA, CipherSuite.TLS_DH_anon_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_DH_anon_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_DH_anon_WITH_AES_256_CBC_SHA);

    private TlsCases() {
    }

    public static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(new VersionCase(TlsRequirements.TLS10, TlsVersion.TLS_1_0, false));
        cases.add(new VersionCase(TlsRequirements.TLS11, TlsVersion.TLS_1_1, false));
        cases.add(new VersionCase(TlsRequirements.TLS12, TlsVersion.TLS_1_2, true));
        cases.add(new VersionCase(TlsRequirements.TLS13, TlsVersion.TLS_1_3, true));
        cases.add(new CertificateCase(TlsRequirements.CERT_CHAIN,
                "The chain validates to the configured anchors (RFC 5280 path validation)", TlsCases::chain));
        cases.add(new CertificateCase(TlsRequirements.CERT_NAME,
                "The expected server name matches a subjectAltName (RFC 6125); the certificate without SNI is recorded",
                TlsCases::name));
        cases.add(new CertificateCase(TlsRequirements.CERT_VALIDITY,
                "The run's clock is inside the certificate's validity window", TlsCases::validity));
        cases.add(new CertificateCase(TlsRequirements.KEY_STRENGTH,
                "The certificate key is RSA of at least 2048 bits or EC of at least 256 bits", TlsCases::keyStrength));
        cases.add(new CertificateCase(TlsRequirements.SIGNATURE,
                "No certificate the server sends (trust anchors aside) is signed with MD5 or SHA-1", TlsCases::signature));
        cases.add(new CertificateCase(TlsRequirements.OPPORTUNISTIC_CERT,
                "Every certificate problem of an opportunistic MX, at INFO level", TlsCases::opportunistic));
        cases.add(new SuiteCase(TlsRequirements.NULL_SUITES, "NULL", NULL_SUITES));
        cases.add(new SuiteCase(TlsRequirements.RC4_SUITES, "RC4", RC4_SUITES));
        cases.add(new SuiteCase(TlsRequirements.EXPORT_SUITES, "EXPORT and DES", EXPORT_SUITES));
        cases.add(new SuiteCase(TlsRequirements.TRIPLE_DES_SUITES, "3DES", TRIPLE_DES_SUITES));
        cases.add(new SuiteCase(TlsRequirements.ANON_SUITES, "anonymous", ANON_SUITES));
        cases.addAll(ImplicitTlsCases.all());
        return List.copyOf(cases);
    }

    private static Judgement chain(Presented p) {
        return ChainCheck.problem(p.chain(), p.trust())
                .map(problem -> Judgement.of(FAIL, problem))
                .orElseGet(() -> Judgement.of(PASS, "the chain of " + p.chain().size() + " certificate(s) validates to "
                        + p.trust().describe() + "; leaf " + p.leaf().summary()));
    }

    private static Judgement name(Presented p) {
        NameCheck.Result result = NameCheck.check(p.expectedName(), p.leaf());
        ProbeOutcome withoutSni = TlsProber.probe(p.context(), ProbeOffer.withoutSni());
        String sni = withoutSni.chain().isEmpty()
                ? "without SNI: no certificate (" + withoutSni.detail() + ")"
                : withoutSni.chain().get(0).equals(p.chain().get(0)) ? "without SNI: the same certificate"
                : "without SNI: a different certificate, " + CertificateFacts.of(withoutSni.chain().get(0)).subject();
        return new Judgement(result.matches() ? PASS : FAIL, result.explanation() + "; " + sni, withoutSni.transcript());
    }

    private static Judgement validity(Presented p) {
        Instant now = Instant.now();
        CertificateFacts leaf = p.leaf();
        if (now.isAfter(leaf.notAfter())) {
            return Judgement.of(FAIL, "the certificate expired at " + leaf.notAfter() + " (now " + now + ")");
        }
        if (now.isBefore(leaf.notBefore())) {
            return Judgement.of(FAIL, "the certificate is not valid before " + leaf.notBefore() + " (now " + now + ")");
        }
        return Judgement.of(PASS, "valid from " + leaf.notBefore() + " to " + leaf.notAfter() + " (now " + now + ")");
    }

    private static Judgement keyStrength(Presented p) {
        return p.leaf().weakKey().map(weak -> Judgement.of(FAIL, weak))
                .orElseGet(() -> Judgement.of(PASS, "certificate key " + p.leaf().key()));
    }

    private static Judgement signature(Presented p) {
        List<String> weak = p.chain().stream().map(CertificateFacts::of).filter(c -> !c.selfIssued())
                .filter(CertificateFacts::weakSignature).map(c -> c.subject() + " signed " + c.signatureAlgorithm()).toList();
        return weak.isEmpty()
                ? Judgement.of(PASS, "signatures: " + p.chain().stream().map(CertificateFacts::of)
                        .map(CertificateFacts::signatureAlgorithm).toList())
                : Judgement.of(FAIL, String.join("; ", weak));
    }

    /** Every other certificate check, folded into one INFO finding. */
    private static Judgement opportunistic(Presented p) {
        List<String> problems = new ArrayList<>();
        for (Judgement j : List.of(chain(p), nameOnly(p), validity(p), keyStrength(p), signature(p))) {
            if (j.verdict() == Verdict.FAIL) {
                problems.add(j.detail());
            }
        }
        return problems.isEmpty()
                ? Judgement.of(PASS, "the certificate validates, names " + p.expectedName() + " and is current and strong")
                : Judgement.of(FAIL, "an authenticating sender (DANE, MTA-STS) would reject this certificate: "
                        + String.join("; ", problems));
    }

    private static Judgement nameOnly(Presented p) {
        NameCheck.Result result = NameCheck.check(p.expectedName(), p.leaf());
        return Judgement.of(result.matches() ? PASS : FAIL, result.explanation());
    }
}
