package org.starttls.checks.server.tls;

import java.util.Arrays;
import java.util.List;
import org.bouncycastle.tls.CipherSuite;
import org.starttls.cases.CaseContext;
import org.starttls.cases.Check;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.requirements.Requirement;
import org.starttls.summary.Verdict;
import org.starttls.tls.CipherSuites;
import org.starttls.tls.ProbeOffer;
import org.starttls.tls.ProbeOutcome;
import org.starttls.tls.TlsProber;

/**
 * One probe connection that offers only the suites of one forbidden class (NULL, RC4, EXPORT, 3DES, anonymous).
 * Bouncy Castle's protocol engine puts any suite number into the ClientHello, so every class can be offered: the
 * server's choice is judged at its ServerHello, whether or not the probe could go on with that suite. Written
 * {@code @check CipherSuiteCheck RC4} in the requirement file.
 */
final class CipherSuiteCheck implements Check {

    /** The suite classes a requirement can name, each with the suites offered for it. */
    enum SuiteClass {
        NULL("NULL", CipherSuite.TLS_RSA_WITH_NULL_SHA256, CipherSuite.TLS_RSA_WITH_NULL_SHA,
                CipherSuite.TLS_RSA_WITH_NULL_MD5, CipherSuite.TLS_ECDHE_ECDSA_WITH_NULL_SHA,
                CipherSuite.TLS_ECDHE_RSA_WITH_NULL_SHA),
        RC4("RC4", CipherSuite.TLS_RSA_WITH_RC4_128_SHA, CipherSuite.TLS_RSA_WITH_RC4_128_MD5,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_RC4_128_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_RC4_128_SHA),
        EXPORT("EXPORT and DES", CipherSuite.TLS_RSA_EXPORT_WITH_RC4_40_MD5,
                CipherSuite.TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5, CipherSuite.TLS_RSA_EXPORT_WITH_DES40_CBC_SHA,
                CipherSuite.TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA, CipherSuite.TLS_RSA_WITH_DES_CBC_SHA,
                CipherSuite.TLS_DHE_RSA_WITH_DES_CBC_SHA),
        TRIPLE_DES("3DES", CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA, CipherSuite.TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA,
                CipherSuite.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA, CipherSuite.TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA),
        ANONYMOUS("anonymous", CipherSuite.TLS_ECDH_anon_WITH_AES_128_CBC_SHA,
                CipherSuite.TLS_ECDH_anon_WITH_AES_256_CBC_SHA, CipherSuite.TLS_DH_anon_WITH_AES_128_CBC_SHA,
                CipherSuite.TLS_DH_anon_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_DH_anon_WITH_AES_256_CBC_SHA);

        private final String label;
        private final List<Integer> suites;

        SuiteClass(String label, int... suites) {
            this.label = label;
            this.suites = Arrays.stream(suites).boxed().toList();
        }
    }

    @Override
    public List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
        SuiteClass suiteClass = Check.oneOf(SuiteClass.class, arguments);
        return List.of(new TlsCase(requirement, "A ClientHello offering only " + suiteClass.label + " cipher suites ("
                + suiteClass.suites.size() + ") is refused", CipherSuiteCheck.class, context -> judge(context, suiteClass)));
    }

    private static Outcome judge(CaseContext context, SuiteClass suiteClass) {
        ProbeOutcome outcome = TlsProber.probe(context, ProbeOffer.suites(suiteClass.suites));
        ProbeJudgement judged = ProbeJudgement.of(outcome, context.facts().tls());
        return switch (judged.result()) {
            case ACCEPTED -> new Outcome(Verdict.FAIL, "the server negotiates a " + suiteClass.label + " suite: "
                    + judged.detail(), outcome.transcript());
            case REFUSED -> new Outcome(Verdict.PASS, "the server refuses a ClientHello offering only " + suiteClass.label
                    + " suites (" + String.join(", ", suiteClass.suites.stream().map(CipherSuites::name).toList()) + "): "
                    + judged.detail(), outcome.transcript());
            case CLOSED, UNKNOWN -> new Outcome(Verdict.INCONCLUSIVE, "could not tell whether the server refuses "
                    + suiteClass.label + " suites: " + judged.detail(), outcome.transcript());
        };
    }
}
