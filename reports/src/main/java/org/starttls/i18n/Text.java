package org.starttls.i18n;

import java.util.Arrays;
import java.util.List;

/**
 * A sentence the suite writes, kept as a message key with its arguments until it is rendered in a language: the
 * engine creates these, summary.json stores the English rendering (for tools) and the German one beside it.
 * Arguments that are themselves {@code Text} are rendered in the same language.
 *
 * @param bundle the message bundle, e.g. {@code i18n/engine}
 */
public record Text(String bundle, String key, List<Object> args) {

    public Text {
        args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
    }

    public static Text of(String bundle, String key, Object... args) {
        return new Text(bundle, key, Arrays.asList(args));
    }

    public String in(Language language) {
        Object[] rendered = args.stream().map(a -> a instanceof Text t ? t.in(language) : a).toArray();
        return Messages.of(bundle, language).get(key, rendered);
    }

    public String english() {
        return in(Language.EN);
    }

    public String german() {
        return in(Language.DE);
    }
}
