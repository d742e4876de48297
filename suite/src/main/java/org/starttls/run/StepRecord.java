package org.starttls.run;

/** What happened at one script line or Java check, for the report's step list. */
public record StepRecord(int line, String source, Status status, String message) {
    public enum Status { PASSED, FAILED, BROKEN, SKIPPED }
}
