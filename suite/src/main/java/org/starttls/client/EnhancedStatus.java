package org.starttls.client;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An enhanced mail system status code {@code class.subject.detail} (RFC 3463), as servers with
 * ENHANCEDSTATUSCODES put it at the start of the reply text (RFC 2034 §4).
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    // RFC 2034 §4: class "2" / "4" / "5", subject and detail 1*3digit, followed by a space.
    private static final Pattern LEADING_CODE = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})(?: .*)?", Pattern.DOTALL);

    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("enhanced status class must be 2, 4 or 5, not " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("enhanced status subject and detail must be 0..999");
        }
    }

    /**
     * The status code at the start of {@code text}: {@code "5.7.0"} or a reply line's text such as
     * {@code "5.7.0 Must issue a STARTTLS command first"}. Empty when the text does not start with one.
     */
    public static Optional<EnhancedStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = LEADING_CODE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatus(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
