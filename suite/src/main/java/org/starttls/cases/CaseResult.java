package org.starttls.cases;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.starttls.client.TlsFacts;
import org.starttls.i18n.Language;
import org.starttls.i18n.Text;
import org.starttls.reports.Findings;
import org.starttls.requirements.Requirement;
import org.starttls.summary.Summary.StepResult;
import org.starttls.summary.Verdict;

/**
 * The verdict of one case with its evidence.
 *
 * @param detail     why the verdict is what it is, in one or two sentences
 * @param transcript the session as {@code >>>}/{@code <<<}/{@code ***} lines, secrets masked
 * @param source     the scenario script (or a description of the Java check)
 * @param detailText {@code detail} as a message key with arguments (for the German reports), when the case has one
 * @param judged     the command, expectation and reply the verdict rests on, when the case knows them
 */
public record CaseResult(Requirement requirement, String caseName, String description, Verdict verdict, String detail,
                         String transcript, List<StepResult> steps, Duration duration, Optional<TlsFacts> tls,
                         String source, Text detailText, Exchange judged) {

    public CaseResult {
        steps = List.copyOf(steps);
    }

    public CaseResult(Requirement requirement, String caseName, String description, Verdict verdict, String detail,
                      String transcript, List<StepResult> steps, Duration duration, Optional<TlsFacts> tls, String source) {
        this(requirement, caseName, description, verdict, detail, transcript, steps, duration, tls, source, null, null);
    }

    /** A case that was not run, with the reason (profile, missing extension, unreachable target). */
    public static CaseResult notRun(ConformanceCase c, Verdict verdict, String reason) {
        return new CaseResult(c.requirement(), c.name(), c.description(), verdict, reason, "", List.of(), Duration.ZERO,
                Optional.empty(), c.sourceText());
    }

    /** {@link #notRun(ConformanceCase, Verdict, String)} with a translatable reason. */
    public static CaseResult notRun(ConformanceCase c, Verdict verdict, Text reason) {
        return new CaseResult(c.requirement(), c.name(), c.description(), verdict, reason.english(), "", List.of(),
                Duration.ZERO, Optional.empty(), c.sourceText(), reason, null);
    }

    /** The console's line for this finished case against {@code subject} (a target, or "client"). */
    public String progressLine(String subject, Language language) {
        return String.format("[smtp] %-18s %-10s %-48s %s  %d ms", Findings.verdict(verdict(), language),
                requirement().level().keyword(), caseName(), subject, duration().toMillis());
    }
}
