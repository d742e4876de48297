package org.starttls.summary;

/**
 * The outcome of a step, a case or a requirement (DESIGN §5), the one verdict type from the engine to the gate.
 * INCONCLUSIVE is never counted as PASS.
 */
public enum Verdict {
    PASS, FAIL, INCONCLUSIVE, NOT_APPLICABLE;

    /** Combines the verdicts of several cases of one requirement: any FAIL wins, then INCONCLUSIVE, then PASS. */
    public Verdict and(Verdict other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case NOT_APPLICABLE -> 0;
            case PASS -> 1;
            case INCONCLUSIVE -> 2;
            case FAIL -> 3;
        };
    }
}
