package org.starttls.checks;

import java.time.Duration;
import java.util.List;
import org.starttls.cases.CaseContext;
import org.starttls.cases.CaseResult;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.client.DesynchronisedException;
import org.starttls.client.ReplyTimeoutException;
import org.starttls.client.SessionException;
import org.starttls.requirements.Requirement;

/**
 * A case of a Java check: it drives the server through a {@link Dialog} on the same session API as a script and gets
 * the same verdict rules: a failed judgement is FAIL; a failed setup step, a timeout or a 421 is INCONCLUSIVE.
 */
public final class JavaCase implements ConformanceCase {

    /** What the case does with its dialog, and how it judges what it saw. */
    @FunctionalInterface
    public interface Body {
        Outcome check(Dialog dialog) throws SessionException, SetupFailed;
    }

    private final Requirement requirement;
    private final String name;
    private final String description;
    private final List<String> needsClear;
    private final List<String> needsTls;
    private final String source;
    private final Body body;
    private final Duration plannedWait;

    public JavaCase(Requirement requirement, String name, String description, List<String> needsClear,
                    List<String> needsTls, Class<?> check, Body body) {
        this(requirement, name, description, needsClear, needsTls, check, Duration.ZERO, body);
    }

    /** @param plannedWait how long the body waits for silence when all goes well ({@link #plannedWait()}) */
    public JavaCase(Requirement requirement, String name, String description, List<String> needsClear,
                    List<String> needsTls, Class<?> check, Duration plannedWait, Body body) {
        this.plannedWait = plannedWait;
        this.requirement = requirement;
        this.name = name;
        this.description = description;
        this.needsClear = List.copyOf(needsClear);
        this.needsTls = List.copyOf(needsTls);
        this.source = description + "\n(Java check " + check.getName() + ")";
        this.body = body;
    }

    @Override
    public CaseResult run(CaseContext context) {
        long started = System.nanoTime();
        Dialog dialog = new Dialog(context);
        Outcome outcome;
        try {
            outcome = body.check(dialog);
        } catch (SetupFailed e) {
            outcome = Outcome.inconclusive(e.getMessage());
        } catch (ReplyTimeoutException | DesynchronisedException e) {
            outcome = Outcome.inconclusive(e.getMessage());
        } catch (SessionException e) {
            outcome = Outcome.inconclusive("the session broke before the requirement could be judged: " + e.getMessage());
        } finally {
            dialog.close();
        }
        dialog.record(outcome);
        return new CaseResult(requirement, name, description, outcome.verdict(), outcome.detail(), dialog.transcript(),
                dialog.steps(), Duration.ofNanos(System.nanoTime() - started), dialog.tls(), source, outcome.text(), null);
    }

    @Override
    public Requirement requirement() {
        return requirement;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> needsClear() {
        return needsClear;
    }

    @Override
    public List<String> needsTls() {
        return needsTls;
    }

    @Override
    public String sourceText() {
        return source;
    }

    @Override
    public Duration plannedWait() {
        return plannedWait;
    }
}
