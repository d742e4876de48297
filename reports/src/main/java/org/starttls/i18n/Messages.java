package org.starttls.i18n;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One message bundle in one language: {@code key=text} lines in {@code <base>.properties} (English) and
 * {@code <base>_de.properties}, UTF-8, with {@code {0}}, {@code {1}} … for the arguments. Deliberately not
 * {@link java.text.MessageFormat}: an apostrophe in "the server's reply" stays an apostrophe. A key missing in German
 * falls back to the English text; a key missing in English is a bug and throws.
 */
public final class Messages {

    private static final Map<String, Messages> CACHE = new ConcurrentHashMap<>();

    private final ResourceBundle bundle;
    private final ResourceBundle english;

    private Messages(String base, Language language, ClassLoader loader) {
        ResourceBundle.Control noFallback = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        this.english = ResourceBundle.getBundle(base, Locale.ROOT, loader, noFallback);
        this.bundle = language == Language.EN ? english : ResourceBundle.getBundle(base, language.locale(), loader, noFallback);
    }

    /** The bundle {@code base} (a resource path without {@code .properties}, e.g. {@code report/messages}) in a language. */
    public static Messages of(String base, Language language) {
        return CACHE.computeIfAbsent(base + "|" + language,
                k -> new Messages(base, language, Messages.class.getClassLoader()));
    }

    public boolean has(String key) {
        return english.containsKey(key);
    }

    /** The text of {@code key} with {@code {n}} replaced by the n-th argument. */
    public String get(String key, Object... args) {
        String pattern;
        if (bundle.containsKey(key)) {
            pattern = bundle.getString(key);
        } else if (english.containsKey(key)) {
            pattern = english.getString(key);
        } else {
            throw new MissingResourceException("no message '" + key + "'", Messages.class.getName(), key);
        }
        return fill(pattern, args);
    }

    /** Every key of the bundle with its text in this language (for templates). */
    public Map<String, String> all() {
        Map<String, String> texts = new java.util.HashMap<>();
        english.keySet().forEach(k -> texts.put(k, get(k)));
        return texts;
    }

    static String fill(String pattern, Object... args) {
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            int close = c == '{' ? pattern.indexOf('}', i) : -1;
            if (close > i + 1 && pattern.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int n = Integer.parseInt(pattern.substring(i + 1, close));
                out.append(n < args.length ? String.valueOf(args[n]) : pattern.substring(i, close + 1));
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
