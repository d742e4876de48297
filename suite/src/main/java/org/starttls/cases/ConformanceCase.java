package org.starttls.cases;

import java.time.Duration;
import java.util.List;
import org.starttls.requirements.Requirement;

/** One executable check of one requirement: a case of its script, or a case of its Java check. */
public interface ConformanceCase {

    Requirement requirement();

    /** Unique in the catalogue; starts with the requirement id. */
    String name();

    String description();

    /** EHLO keywords the cleartext EHLO reply must list, else the case is NOT_APPLICABLE; none by default. */
    default List<String> needsClear() {
        return List.of();
    }

    /** EHLO keywords the EHLO reply inside TLS must list, else the case is NOT_APPLICABLE; none by default. */
    default List<String> needsTls() {
        return List.of();
    }

    /** The script text or a description of the Java check, attached to reports. */
    String sourceText();

    /**
     * How long the case waits on purpose for the server's silence (QUIET steps, quiet checks) when everything goes
     * well. The run starts the longest waits first, so that they overlap each other instead of trailing the run.
     */
    default Duration plannedWait() {
        return Duration.ZERO;
    }

    /** Runs the case against one target; never throws, every outcome is a verdict. */
    CaseResult run(CaseContext context);
}
