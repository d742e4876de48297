package org.starttls.summary;

import java.util.Locale;

/** Which failures break the build (DESIGN §5): MUST and MUST NOT by default, SHOULD tightens, NONE only reports. */
public enum Gate {
    MUST(3), SHOULD(2), NONE(Integer.MAX_VALUE);

    private final int minimumWeight;

    Gate(int minimumWeight) {
        this.minimumWeight = minimumWeight;
    }

    /** True when a FAIL at this level breaks the gate. */
    public boolean blocks(Level level) {
        return level.weight() >= minimumWeight;
    }

    public static Gate parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown gate '" + value + "'; write MUST (fail on MUST/MUST NOT), "
                    + "SHOULD (also fail on SHOULD/SHOULD NOT) or NONE (only report)");
        }
    }
}
