package org.starttls.client;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One whole SMTP reply (RFC 5321 §4.2).
 *
 * @param code     the three-digit reply code, the same on every line
 * @param lines    the text of each line after the code and its separator; {@code ""} for a bare code
 * @param findings non-fatal deviations seen while decoding, e.g. a bare LF line ending
 */
public record Reply(int code, List<String> lines, List<String> findings) {

    public Reply {
        if (!ReplyCodes.isValid(code)) {
            throw new IllegalArgumentException("reply code " + code + " does not match [2-5][0-5][0-9]");
        }
        lines = List.copyOf(lines);
        findings = List.copyOf(findings);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    /** A reply without findings, e.g. {@code Reply.of(250, "2.1.0 OK")}. */
    public static Reply of(int code, String... lines) {
        return new Reply(code, List.of(lines), List.of());
    }

    /** The enhanced status code at the start of the first line (RFC 2034 §4). */
    public Optional<EnhancedStatus> enhancedStatus() {
        return EnhancedStatus.parse(lines.get(0));
    }

    public List<Optional<EnhancedStatus>> enhancedStatusPerLine() {
        return lines.stream().map(EnhancedStatus::parse).toList();
    }

    /** The lines' text joined with {@code "\n"}. */
    public String text() {
        return String.join("\n", lines);
    }

    /** The first digit of the code: 2 success, 3 intermediate, 4 transient and 5 permanent failure. */
    public int codeClass() {
        return code / 100;
    }

    /** The EHLO keywords: the upper-cased first word of every line after the greeting line (RFC 5321 §4.1.1.1). */
    public List<String> ehloKeywords() {
        return lines.stream().skip(1).map(Reply::firstWord).map(w -> w.toUpperCase(Locale.ROOT)).toList();
    }

    /** The parameters after an EHLO keyword ({@code ""} when it has none), or empty when not advertised. */
    public Optional<String> ehloParameters(String keyword) {
        return lines.stream().skip(1)
                .filter(line -> firstWord(line).equalsIgnoreCase(keyword))
                .map(line -> line.strip().substring(firstWord(line).length()).strip())
                .findFirst();
    }

    /** The reply as a conforming server would have sent it, CRLF line ends included. */
    public String toWire() {
        StringBuilder wire = new StringBuilder();
        wireLines().forEach(line -> wire.append(line).append("\r\n"));
        return wire.toString();
    }

    /** Each line with its code and separator, without line ends: {@code 250-a}, {@code 250 b}. */
    public List<String> wireLines() {
        int last = lines.size() - 1;
        return IntStream.rangeClosed(0, last).mapToObj(i -> {
            String text = lines.get(i);
            if (i < last) {
                return code + "-" + text;
            }
            return text.isEmpty() ? Integer.toString(code) : code + " " + text;
        }).toList();
    }

    private static String firstWord(String line) {
        String stripped = line.strip();
        int space = stripped.indexOf(' ');
        return space < 0 ? stripped : stripped.substring(0, space);
    }
}
