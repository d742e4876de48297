package org.starttls.assertions;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.AbstractAssert;
import org.starttls.client.EnhancedStatus;
import org.starttls.client.Reply;

/**
 * Assertions on an SMTP reply whose failure messages read like the rule they check and quote the
 * server, e.g. {@code expected reply code 530 (RFC 3207 §4) but the server answered: 250 2.1.0 OK}.
 */
public final class ReplyAssert extends AbstractAssert<ReplyAssert, Reply> {

    private Optional<String> citation = Optional.empty();

    public ReplyAssert(Reply actual) {
        super(actual, ReplyAssert.class);
    }

    /** Names the rule being checked, e.g. {@code "RFC 3207 §4"}; failure messages then cite it. */
    public ReplyAssert citing(String reference) {
        citation = Optional.of(reference);
        return myself;
    }

    public ReplyAssert hasCode(int expected) {
        isNotNull();
        if (actual.code() != expected) {
            fail("expected reply code " + expected);
        }
        return myself;
    }

    public ReplyAssert hasCodeIn(int... expected) {
        isNotNull();
        if (Arrays.stream(expected).noneMatch(code -> code == actual.code())) {
            fail("expected one of the reply codes "
                    + Arrays.stream(expected).mapToObj(Integer::toString).collect(Collectors.joining(", ")));
        }
        return myself;
    }

    /** The first digit: 2 success, 3 intermediate, 4 transient and 5 permanent failure. */
    public ReplyAssert hasCodeClass(int expectedClass) {
        isNotNull();
        if (actual.codeClass() != expectedClass) {
            fail("expected a " + expectedClass + "xx reply");
        }
        return myself;
    }

    /** The enhanced status code at the start of the first line, e.g. {@code "5.7.0"}. */
    public ReplyAssert hasEnhancedStatus(String expected) {
        EnhancedStatus wanted = EnhancedStatus.parse(expected)
                .filter(status -> status.toString().equals(expected))
                .orElseThrow(() -> new IllegalArgumentException("'" + expected + "' is not an enhanced status code like 5.7.0"));
        isNotNull();
        if (!actual.enhancedStatus().equals(Optional.of(wanted))) {
            fail("expected enhanced status code " + wanted);
        }
        return myself;
    }

    /** RFC 2034 §4: with ENHANCEDSTATUSCODES every line of a reply starts with the status code. */
    public ReplyAssert hasEnhancedStatusOnEveryLine() {
        isNotNull();
        List<Optional<EnhancedStatus>> perLine = actual.enhancedStatusPerLine();
        String missing = IntStream.range(0, perLine.size()).filter(i -> perLine.get(i).isEmpty())
                .mapToObj(i -> Integer.toString(i + 1)).collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            fail("expected an enhanced status code at the start of every reply line", Optional.of("RFC 2034 §4"),
                    "but it is missing on line " + missing + "; the server answered:");
        }
        return myself;
    }

    /** The EHLO reply lists {@code keyword} (RFC 5321 §4.1.1.1), with or without parameters. */
    public ReplyAssert advertises(String keyword) {
        isNotNull();
        if (actual.ehloParameters(keyword).isEmpty()) {
            fail("expected the EHLO reply to advertise " + keyword);
        }
        return myself;
    }

    public ReplyAssert doesNotAdvertise(String keyword) {
        isNotNull();
        if (actual.ehloParameters(keyword).isPresent()) {
            fail("expected the EHLO reply not to advertise " + keyword);
        }
        return myself;
    }

    /** E.g. STARTTLS, whose EHLO keyword has no parameters (RFC 3207 §4). */
    public ReplyAssert advertisesWithoutParameters(String keyword) {
        isNotNull();
        if (!actual.ehloParameters(keyword).equals(Optional.of(""))) {
            fail("expected the EHLO reply to advertise " + keyword + " without parameters");
        }
        return myself;
    }

    /** Some part of the reply text (lines joined with LF) matches {@code pattern}. */
    public ReplyAssert hasTextMatching(Pattern pattern) {
        isNotNull();
        if (!pattern.matcher(actual.text()).find()) {
            fail("expected the reply text to match /" + pattern.pattern() + "/");
        }
        return myself;
    }

    private void fail(String expectation) {
        fail(expectation, Optional.empty(), "but the server answered:");
    }

    /** {@code expectation (citation) but ... <reply>}; a {@link #citing} reference wins over the default. */
    private void fail(String expectation, Optional<String> defaultCitation, String but) {
        String cited = citation.or(() -> defaultCitation).map(c -> " (" + c + ")").orElse("");
        failWithMessage("%s", expectation + cited + " " + but + quote(actual));
    }

    /** A one-line reply on the same line, a multiline reply indented below. */
    private static String quote(Reply reply) {
        List<String> lines = reply.wireLines();
        return lines.size() == 1 ? " " + lines.get(0) : "\n  " + String.join("\n  ", lines);
    }
}
