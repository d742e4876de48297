package org.starttls.catalogue;

/** Requirement levels, named after the RFC's own BCP 14 keywords; INFO marks a reported fact with no keyword. */
public enum Level {
    MUST("MUST", "critical"),
    MUSTNOT("MUST NOT", "critical"),
    SHOULD("SHOULD", "normal"),
    SHOULDNOT("SHOULD NOT", "normal"),
    MAY("MAY", "minor"),
    INFO("INFO", "trivial");

    private final String keyword;
    private final String allureSeverity;

    Level(String keyword, String allureSeverity) {
        this.keyword = keyword;
        this.allureSeverity = allureSeverity;
    }

    /** The keyword as the RFC writes it, e.g. "MUST NOT". */
    public String keyword() {
        return keyword;
    }

    public String allureSeverity() {
        return allureSeverity;
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
}
