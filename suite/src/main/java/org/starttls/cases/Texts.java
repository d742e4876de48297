package org.starttls.cases;

import org.starttls.i18n.Text;

/**
 * The engine's own sentences (probe, script runner, run scheduling, configuration), as message keys of the bundle
 * {@code i18n/engine} ({@code engine.properties}, {@code engine_de.properties}); the reports render them in English or
 * German.
 */
public final class Texts {

    public static final String BUNDLE = "i18n/engine";

    private Texts() {
    }

    public static Text of(String key, Object... args) {
        return Text.of(BUNDLE, key, args);
    }

    /** A sentence that exists only in English (a client exception's message, an assertion's), passed on as it is. */
    public static Text verbatim(String english) {
        return Text.of(BUNDLE, "verbatim", english);
    }
}
