package org.starttls.i18n;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The languages the suite writes its reports and console summary in ({@code smtp.report.lang}); RFC quotes stay English. */
public enum Language {
    EN, DE;

    /** As written in {@code smtp.report.lang}: {@code en}, {@code de}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag());
    }

    /** The language for {@code tag}, or an {@link IllegalArgumentException} that says what to write. */
    public static Language parse(String tag) {
        for (Language l : values()) {
            if (l.tag().equalsIgnoreCase(tag.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("'" + tag + "' is not a report language; write " + names());
    }

    /** The language for {@code tag}, English when the tag is missing or unknown (for texts about a refused setting). */
    public static Language orEnglish(String tag) {
        try {
            return tag == null ? EN : parse(tag);
        } catch (IllegalArgumentException e) {
            return EN;
        }
    }

    public static String names() {
        return Arrays.stream(values()).map(Language::tag).collect(Collectors.joining(" or "));
    }
}
