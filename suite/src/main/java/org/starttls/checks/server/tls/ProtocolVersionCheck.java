package org.starttls.checks.server.tls;

import java.util.Arrays;
import java.util.List;
import org.starttls.cases.CaseContext;
import org.starttls.cases.Check;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.requirements.Requirement;
import org.starttls.summary.Verdict;
import org.starttls.tls.ProbeOffer;
import org.starttls.tls.ProbeOutcome.Result;
import org.starttls.tls.ProbeOutcome;
import org.starttls.tls.TlsProber;
import org.starttls.tls.TlsVersion;

/**
 * One probe connection that offers only one protocol version; the requirement says whether accepting it is right.
 * Written {@code @check ProtocolVersionCheck TLS_1_0 refused} in the requirement file.
 */
final class ProtocolVersionCheck implements Check {

    @Override
    public List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
        if (arguments.size() != 2 || !List.of("accepted", "refused").contains(arguments.get(1))) {
            throw new IllegalArgumentException("write the version and accepted or refused, e.g. TLS_1_0 refused");
        }
        TlsVersion version = Arrays.stream(TlsVersion.values()).filter(v -> v.name().equals(arguments.get(0))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown version " + arguments.get(0) + "; one of "
                        + Arrays.toString(TlsVersion.values())));
        boolean mustAccept = arguments.get(1).equals("accepted");
        return List.of(new TlsCase(requirement, "A ClientHello offering only " + version + " (Bouncy Castle, independent "
                + "of the JDK's disabled algorithms) is " + arguments.get(1), ProtocolVersionCheck.class,
                context -> judge(context, version, mustAccept)));
    }

    private static Outcome judge(CaseContext context, TlsVersion version, boolean mustAccept) {
        ProbeOutcome outcome = TlsProber.probe(context, ProbeOffer.version(version));
        ProbeJudgement judged = ProbeJudgement.of(outcome, context.facts().tls());
        // a version that must be accepted is refused only by protocol_version: any other alert or a close may be
        // a server that shares none of the probe's suites for that version (RFC 8446 §6.2 names the reasons)
        Result result = mustAccept && judged.result() == Result.REFUSED && !outcome.protocolVersionAlert()
                ? Result.UNKNOWN : judged.result();
        Verdict verdict = switch (result) {
            case ACCEPTED -> mustAccept ? Verdict.PASS : Verdict.FAIL;
            case REFUSED -> mustAccept ? Verdict.FAIL : Verdict.PASS;
            case CLOSED, UNKNOWN -> Verdict.INCONCLUSIVE;
        };
        String what = switch (result) {
            case ACCEPTED -> "the server accepts " + version + ": " + judged.detail();
            case REFUSED -> "the server refuses " + version + ": " + judged.detail();
            case CLOSED, UNKNOWN -> "could not tell whether the server accepts " + version + ": " + judged.detail()
                    + (result == judged.result() ? "" : "; only a protocol_version alert proves the version refused, "
                    + "this may be no cipher suite shared with the probe's offer");
        };
        return new Outcome(verdict, what, outcome.transcript());
    }
}
