package org.starttls.config;

/** A configuration mistake, reported in one sentence that says what is wrong and what to write instead. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
