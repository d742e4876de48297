package org.starttls.cases.tls;

import org.starttls.run.CaseContext;
import org.starttls.run.Verdict;
import org.starttls.tls.ProbeOffer;
import org.starttls.tls.ProbeOutcome;
import org.starttls.tls.TlsProber;
import org.starttls.tls.TlsVersion;

/** One probe connection that offers only {@code version}; the requirement says whether accepting it is right. */
final class VersionCase extends TlsCase {

    private final TlsVersion version;
    private final boolean mustAccept;

    VersionCase(String requirementId, TlsVersion version, boolean mustAccept) {
        super(requirementId, "A ClientHello offering only " + version
                + " (Bouncy Castle, independent of the JDK's disabled algorithms) is " + (mustAccept ? "accepted" : "refused"));
        this.version = version;
        this.mustAccept = mustAccept;
    }

    @Override
    Judgement judge(CaseContext context) {
        ProbeOutcome outcome = TlsProber.probe(context, ProbeOffer.version(version));
        Verdict verdict = switch (outcome.result()) {
            case ACCEPTED -> mustAccept ? Verdict.PASS : Verdict.FAIL;
            case REFUSED -> mustAccept ? Verdict.FAIL : Verdict.PASS;
            case UNKNOWN -> Verdict.INCONCLUSIVE;
        };
        String what = switch (outcome.result()) {
            case ACCEPTED -> "the server accepts " + version + ": " + outcome.detail();
            case REFUSED -> "the server refuses " + version + ": " + outcome.detail();
            case UNKNOWN -> "could not tell whether the server accepts " + version + ": " + outcome.detail();
        };
        return new Judgement(verdict, what, outcome.transcript());
    }
}
