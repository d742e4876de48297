package org.starttls.summary;

/** Requirement levels, named after the RFC's own BCP 14 keywords; INFO marks a reported fact with no keyword. */
public enum Level {
    MUST("MUST"),
    MUSTNOT("MUST NOT"),
    SHOULD("SHOULD"),
    SHOULDNOT("SHOULD NOT"),
    MAY("MAY"),
    INFO("INFO");

    private final String keyword;

    Level(String keyword) {
        this.keyword = keyword;
    }

    /** The keyword as the RFC writes it, e.g. "MUST NOT". */
    public String keyword() {
        return keyword;
    }

    /** How strongly the level binds: MUST and MUST NOT weigh 3, SHOULD and SHOULD NOT 2, MAY 1, INFO 0. */
    public int weight() {
        return switch (this) {
            case MUST, MUSTNOT -> 3;
            case SHOULD, SHOULDNOT -> 2;
            case MAY -> 1;
            case INFO -> 0;
        };
    }

    /** Allure's severity for a FAIL at this level. */
    public String allureSeverity() {
        return switch (this) {
            case MUST, MUSTNOT -> "critical";
            case SHOULD, SHOULDNOT -> "normal";
            case MAY -> "minor";
            case INFO -> "trivial";
        };
    }
}
