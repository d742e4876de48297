package org.starttls.cases.tls;

import java.util.List;
import org.starttls.run.CaseContext;
import org.starttls.run.Verdict;
import org.starttls.tls.CipherSuites;
import org.starttls.tls.ProbeOffer;
import org.starttls.tls.ProbeOutcome;
import org.starttls.tls.TlsProber;

/**
 * One probe connection that offers only the suites of one forbidden class (NULL, RC4, EXPORT, 3DES, anonymous).
 * Bouncy Castle's protocol engine puts any suite number into the ClientHello, so every class can be offered: the
 * server's choice is judged at its ServerHello, whether or not the probe could go on with that suite.
 */
final class SuiteCase extends TlsCase {

    private final String suiteClass;
    private final List<Integer> suites;

    SuiteCase(String requirementId, String suiteClass, List<Integer> suites) {
        super(requirementId, "A ClientHello offering only " + suiteClass + " cipher suites (" + suites.size() + ") is refused");
        this.suiteClass = suiteClass;
        this.suites = List.copyOf(suites);
    }

    @Override
    Judgement judge(CaseContext context) {
        ProbeOutcome outcome = TlsProber.probe(context, ProbeOffer.suites(suites));
        return switch (outcome.result()) {
            case ACCEPTED -> new Judgement(Verdict.FAIL, "the server negotiates a " + suiteClass + " suite: "
                    + outcome.detail(), outcome.transcript());
            case REFUSED -> new Judgement(Verdict.PASS, "the server refuses a ClientHello offering only " + suiteClass
                    + " suites (" + String.join(", ", suites.stream().map(CipherSuites::name).toList()) + "): "
                    + outcome.detail(), outcome.transcript());
            case UNKNOWN -> new Judgement(Verdict.INCONCLUSIVE, outcome.detail(), outcome.transcript());
        };
    }
}
