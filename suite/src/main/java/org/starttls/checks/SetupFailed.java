package org.starttls.checks;

/** A setup step of a Java check went differently than the check needs; the requirement cannot be judged. */
public final class SetupFailed extends Exception {
    public SetupFailed(String message) {
        super(message, null, false, false);
    }
}
