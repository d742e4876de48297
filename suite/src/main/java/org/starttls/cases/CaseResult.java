package org.starttls.cases;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.starttls.client.TlsFacts;
import org.starttls.requirements.Requirement;
import org.starttls.summary.Summary.StepResult;
import org.starttls.summary.Verdict;

/**
 * The verdict of one case with its evidence.
 *
 * @param detail     why the verdict is what it is, in one or two sentences
 * @param transcript the session as {@code >>>}/{@code <<<}/{@code ***} lines, secrets masked
 * @param source     the scenario script (or a description of the Java check)
 */
public record CaseResult(Requirement requirement, String caseName, String description, Verdict verdict, String detail,
                         String transcript, List<StepResult> steps, Duration duration, Optional<TlsFacts> tls,
                         String source) {

    public CaseResult {
        steps = List.copyOf(steps);
    }

    /** A case that was not run, with the reason (profile, missing extension, unreachable target). */
    public static CaseResult notRun(ConformanceCase c, Verdict verdict, String reason) {
        return new CaseResult(c.requirement(), c.name(), c.description(), verdict, reason, "", List.of(), Duration.ZERO,
                Optional.empty(), c.sourceText());
    }
}
