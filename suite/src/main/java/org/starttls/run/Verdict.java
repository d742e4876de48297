package org.starttls.run;

/** The outcome of one case or requirement (DESIGN §5). INCONCLUSIVE is never counted as PASS. */
public enum Verdict {
    PASS, FAIL, INCONCLUSIVE, NOT_APPLICABLE;

    /** Combines the verdicts of several cases of one requirement: any FAIL wins, then INCONCLUSIVE, then PASS. */
    public Verdict and(Verdict other) {
        return rank(this) >= rank(other) ? this : other;
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case NOT_APPLICABLE -> 0;
            case PASS -> 1;
            case INCONCLUSIVE -> 2;
            case FAIL -> 3;
        };
    }
}
