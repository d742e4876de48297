package org.starttls.script;

import java.util.List;
import java.util.regex.Pattern;

/** One thing an {@code S:} line expects of a reply. */
public sealed interface Expectation {

    /** The reply code is one of these: exact codes ("530") or classes ("5xx"). */
    record Code(List<String> alternatives) implements Expectation {
        public boolean matches(int code) {
            String c = Integer.toString(code);
            return alternatives.stream().anyMatch(a -> a.endsWith("xx") ? a.charAt(0) == c.charAt(0) : a.equals(c));
        }

        @Override
        public String toString() {
            return String.join("|", alternatives);
        }
    }

    /**
     * On a judged step ({@code S! 503 fail:2xx}): the replies that break the requirement. With it, a reply of neither
     * the expected codes nor these proves nothing either way (a 530, a policy refusal) and leaves the case INCONCLUSIVE;
     * without it every reply but the expected one is a FAIL.
     */
    record Violation(Code codes) implements Expectation {
        public boolean matches(int code) {
            return codes.matches(code);
        }

        @Override
        public String toString() {
            return "fail:" + codes;
        }
    }

    /** The reply carries this enhanced status code (RFC 3463), e.g. 5.7.0. */
    record Enhanced(String status) implements Expectation {
        @Override
        public String toString() {
            return status;
        }
    }

    /** An EHLO reply lists ({@code +KEYWORD}) or does not list ({@code -KEYWORD}) a service extension. */
    record Keyword(String keyword, boolean advertised) implements Expectation {
        @Override
        public String toString() {
            return (advertised ? "+" : "-") + keyword;
        }
    }

    /** The reply text matches a regular expression ({@code /regex/}), for diagnosis. */
    record Text(Pattern pattern) implements Expectation {
        @Override
        public String toString() {
            return "/" + pattern.pattern() + "/";
        }
    }
}
