package org.starttls.config;

import org.starttls.i18n.Text;

/**
 * A configuration mistake, reported in one sentence that says what is wrong and what to write instead; {@code text},
 * when set, is the same sentence as a message key, so the German report can say it in German.
 */
public final class ConfigException extends RuntimeException {

    private final transient Text text;

    public ConfigException(String message) {
        super(message);
        this.text = null;
    }

    public ConfigException(Text text) {
        super(text.english());
        this.text = text;
    }

    /** The message as a key with arguments, or null when it exists only in English. */
    public Text text() {
        return text;
    }
}
