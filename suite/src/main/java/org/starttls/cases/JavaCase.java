package org.starttls.cases;

import java.time.Duration;
import java.util.List;
import org.starttls.client.ReplyTimeoutException;
import org.starttls.client.SessionException;
import org.starttls.run.CaseContext;
import org.starttls.run.CaseResult;
import org.starttls.run.Verdict;

/**
 * A case written in Java because a script cannot say it (alternatives, control sessions, several replies judged
 * together). It runs on the same session API as a script and gets the same verdict rules: a failed judgement is
 * FAIL, a failed setup step, a timeout or a 421 is INCONCLUSIVE.
 */
public abstract class JavaCase extends WrittenCase {

    protected JavaCase(String requirementId, String name, String description) {
        this(requirementId, name, description, List.of(), List.of());
    }

    protected JavaCase(String requirementId, String name, String description, List<String> needsClear,
                       List<String> needsTls) {
        super(requirementId, name, description, needsClear, needsTls);
    }

    /** Drives the server through {@code dialog} and judges what it saw. */
    protected abstract Outcome check(Dialog dialog) throws SessionException, SetupFailed;

    @Override
    public final CaseResult run(CaseContext context) {
        long started = System.nanoTime();
        Dialog dialog = new Dialog(context);
        Outcome outcome;
        try {
            outcome = check(dialog);
        } catch (SetupFailed e) {
            outcome = Outcome.inconclusive(e.getMessage());
        } catch (ReplyTimeoutException e) {
            outcome = Outcome.inconclusive(e.getMessage());
        } catch (SessionException e) {
            outcome = Outcome.inconclusive("the session broke before the requirement could be judged: " + e.getMessage());
        } finally {
            dialog.close();
        }
        dialog.record(outcome);
        return new CaseResult(requirement(), name(), description(), outcome.verdict(), outcome.detail(), dialog.transcript(),
                dialog.steps(), Duration.ofNanos(System.nanoTime() - started), dialog.tls(), sourceText());
    }

    /** A verdict with the sentence that explains it. */
    public record Outcome(Verdict verdict, String detail) {
        public static Outcome pass(String detail) {
            return new Outcome(Verdict.PASS, detail);
        }

        public static Outcome fail(String detail) {
            return new Outcome(Verdict.FAIL, detail);
        }

        public static Outcome inconclusive(String detail) {
            return new Outcome(Verdict.INCONCLUSIVE, detail);
        }

        /** The server's behaviour does not let the requirement be observed; the detail says why. */
        public static Outcome notApplicable(String detail) {
            return new Outcome(Verdict.NOT_APPLICABLE, detail);
        }
    }

    /** A setup step went differently than the case needs; the requirement cannot be judged. */
    public static final class SetupFailed extends Exception {
        public SetupFailed(String message) {
            super(message, null, false, false);
        }
    }
}
