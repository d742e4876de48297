package org.starttls.summary;

/** The exit codes of every door (Maven, command line, plugin), DESIGN §7. */
public enum ExitCode {
    /** The gate passed. */
    PASSED(0),
    /** A requirement at or above the gate level FAILed. */
    GATE_FAILED(1),
    /** No gate failure, but a target could not be evaluated (unreachable, no greeting, STARTTLS unusable). */
    NOT_EVALUATED(2),
    /** A configuration or usage error: refused before any connection. */
    CONFIGURATION_ERROR(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
