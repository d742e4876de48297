package org.starttls.run;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.starttls.catalogue.Requirement;

/** One executable check of one requirement: a scenario script, or a Java case using the same session API. */
public interface ConformanceCase {

    Requirement requirement();

    /** Unique within the requirement, e.g. the script's file name. */
    String name();

    String description();

    /** EHLO keywords the cleartext EHLO reply must list, else the case is NOT_APPLICABLE. */
    List<String> needsClear();

    /** EHLO keywords the EHLO reply inside TLS must list, else the case is NOT_APPLICABLE. */
    List<String> needsTls();

    /** Where the case is written down, for IDEs and reports. */
    Optional<URI> sourceUri();

    /** The script text or a description of the Java check, attached to reports. */
    String sourceText();

    /** Runs the case against one target; never throws, every outcome is a verdict. */
    CaseResult run(CaseContext context);
}
