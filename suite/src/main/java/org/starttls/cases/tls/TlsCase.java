package org.starttls.cases.tls;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.starttls.cases.WrittenCase;
import org.starttls.client.TlsFacts;
import org.starttls.run.CaseContext;
import org.starttls.run.CaseResult;
import org.starttls.run.Verdict;

/**
 * A TLS-level case: one judgement of one requirement, from probe connections or from the facts of the target's probe
 * session. A failure of the suite itself is INCONCLUSIVE, never PASS.
 */
abstract class TlsCase extends WrittenCase {

    /** The verdict with its evidence. */
    record Judgement(Verdict verdict, String detail, String transcript) {
        static Judgement of(Verdict verdict, String detail) {
            return new Judgement(verdict, detail, "");
        }
    }

    /** One case per requirement, named after it. */
    TlsCase(String requirementId, String description) {
        super(requirementId, requirementId, description, List.of(), List.of());
    }

    abstract Judgement judge(CaseContext context);

    @Override
    public final CaseResult run(CaseContext context) {
        long started = System.nanoTime();
        Judgement judgement;
        try {
            judgement = judge(context);
        } catch (RuntimeException e) {
            judgement = Judgement.of(Verdict.INCONCLUSIVE, "internal error in the suite: " + e);
        }
        Optional<TlsFacts> tls = context.facts() == null ? Optional.empty() : context.facts().tls();
        return new CaseResult(requirement(), name(), description(), judgement.verdict(), judgement.detail(),
                judgement.transcript(), List.of(), Duration.ofNanos(System.nanoTime() - started), tls, sourceText());
    }
}
