package org.starttls.script;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code .smtp} requirement format (DESIGN §4): header directives, then the cases' steps. Strict: anything it
 * does not understand is a
 * {@link ScriptParseException} naming file, line and reason, never a silently skipped line.
 */
public final class ScriptParser {

    /** Variables a {@code C:} line may use, filled from the configuration at run time. */
    public static final Set<String> VARIABLES = Set.of("helo", "mail_from", "rcpt", "auth_plain", "auth_login_user",
            "auth_login_password");
    /** The variables that carry the AUTH account: masked in transcripts, allowed only on {@code C:} lines. */
    public static final Set<String> SECRET_VARIABLES = Set.of("auth_plain", "auth_login_user", "auth_login_password");

    private static final Pattern CODE = Pattern.compile("[2-5](?:[0-5][0-9]|xx)");
    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern KEYWORD = Pattern.compile("[+-][A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern EHLO_KEYWORD = Pattern.compile("(tls:)?[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    /** A variable that carries a secret, for the runner to mask. */
    public static final Pattern SECRET = Pattern.compile("\\$\\{(auth_plain|auth_login_user|auth_login_password)}");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)");
    private static final Pattern STEP = Pattern.compile("(C:|C~|S:|S!|TLS!?|CLOSE!?|QUIET!?)(?:\\s+(.*))?");
    private static final Duration MAX_QUIET = Duration.ofSeconds(30);
    /** On a judged step, the prefix of the replies that break the requirement: {@code S! 503 fail:2xx}. */
    private static final String FAIL = "fail:";

    private ScriptParser() {
    }

    /** The header directives of a requirement file, in the order they are usually written. */
    public static final List<String> DIRECTIVES = List.of("@id", "@role", "@section", "@profiles", "@derived", "@quote",
            "@title", "@title.de", "@fix", "@fix.de", "@check", "@case", "@needs");
    private static final Pattern CASE = Pattern.compile("(?:([A-Z0-9][A-Z0-9-]*):\\s+)?(.+)");

    /**
     * Reads a requirement file: its header directives, then its cases. A case starts with {@code @case [NAME:]
     * description}; a file with one case may leave the name out (the case is then named after the requirement).
     */
    public static RequirementText parse(String file, String text) {
        java.util.Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        java.util.Map<String, Integer> headerLines = new java.util.HashMap<>();
        List<Script> cases = new ArrayList<>();
        CaseBuilder current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                if (current != null) {
                    current.text(lines[i]);
                    if (line.startsWith("#") && current.steps.isEmpty() && current.description == null) {
                        current.description = line.substring(1).strip();
                    }
                }
                continue;
            }
            if (line.startsWith("@")) {
                String[] kv = line.split("\\s+", 2);
                String value = kv.length > 1 ? kv[1].strip() : "";
                if (!DIRECTIVES.contains(kv[0])) {
                    throw new ScriptParseException(file, no, "unknown directive " + kv[0] + "; a requirement file knows "
                            + String.join(", ", DIRECTIVES));
                }
                if (kv[0].equals("@case")) {
                    if (current != null) {
                        cases.add(current.build(file));
                    }
                    Matcher m = CASE.matcher(value);
                    if (!m.matches()) {
                        throw new ScriptParseException(file, no, "@case needs a description, e.g. @case AFTER-EHLO: MAIL "
                                + "FROM given in cleartext is forgotten");
                    }
                    current = new CaseBuilder(no, m.group(1), m.group(2));
                    current.text(lines[i]);
                    continue;
                }
                if (kv[0].equals("@needs")) {
                    if (current == null) {
                        throw new ScriptParseException(file, no, "@needs belongs to a case: write it after @case");
                    }
                    current.text(lines[i]);
                    needs(file, no, value, current.needsClear, current.needsTls);
                    continue;
                }
                if (current != null) {
                    throw new ScriptParseException(file, no, kv[0] + " is a header directive: write it before the first @case");
                }
                if (value.isEmpty()) {
                    throw new ScriptParseException(file, no, kv[0] + " needs a value");
                }
                headers.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(value);
                headerLines.putIfAbsent(kv[0], no);
                continue;
            }
            if (current == null) {
                throw new ScriptParseException(file, no, "a step before the first @case; start the case with "
                        + "@case DESCRIPTION");
            }
            current.text(lines[i]);
            current.steps.add(step(file, no, line, lines[i]));
        }
        if (current != null) {
            cases.add(current.build(file));
        }
        return new RequirementText(file, text, headers, headerLines, cases);
    }

    /** The lines of one {@code @case} while it is being read. */
    private static final class CaseBuilder {
        final int line;
        final String suffix;
        String description;
        final List<String> needsClear = new ArrayList<>();
        final List<String> needsTls = new ArrayList<>();
        final List<Step> steps = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        CaseBuilder(int line, String suffix, String description) {
            this.line = line;
            this.suffix = suffix;
            this.description = description;
        }

        void text(String line) {
            text.append(line).append('\n');
        }

        Script build(String file) {
            if (steps.stream().noneMatch(Step::verdict)) {
                throw new ScriptParseException(file, line, "the case has no verdict step; mark the step the requirement "
                        + "is judged on with '!' (S!, TLS!, CLOSE! or QUIET!)");
            }
            return new Script(java.util.Optional.ofNullable(suffix), file, line, description, List.copyOf(needsClear),
                    List.copyOf(needsTls), List.copyOf(steps), text.toString().stripTrailing() + "\n");
        }
    }

    private static void needs(String file, int no, String value, List<String> needsClear, List<String> needsTls) {
        for (String keyword : value.split("\\s+")) {
            if (!EHLO_KEYWORD.matcher(keyword).matches()) {
                throw new ScriptParseException(file, no, "@needs takes EHLO keywords such as STARTTLS or "
                        + "tls:AUTH, not '" + keyword + "'");
            }
            String upper = keyword.toUpperCase(Locale.ROOT);
            if (upper.startsWith("TLS:")) {
                needsTls.add(upper.substring(4));
            } else {
                needsClear.add(upper);
            }
        }
    }

    private static Step step(String file, int no, String line, String original) {
        Matcher m = STEP.matcher(line);
        if (!m.matches()) {
            throw new ScriptParseException(file, no, "cannot read '" + abbreviate(line) + "'; a line is a comment (#), a "
                    + "directive (@id, @quote, @case, @needs, ...) or a step: C:, C~, S:, S!, TLS, CLOSE, QUIET (append ! to mark the verdict step)");
        }
        String keyword = m.group(1);
        String arg = m.group(2) == null ? "" : m.group(2).strip();
        boolean verdict = keyword.endsWith("!");
        return switch (keyword) {
            case "C:", "C~" -> {
                // the argument of C~ keeps its trailing blanks: they are bytes to send
                String payload = keyword.equals("C~") ? original.stripLeading().substring(2).replaceFirst("^ ", "") : arg;
                if (payload.isEmpty() && keyword.equals("C~")) {
                    throw new ScriptParseException(file, no, "C~ needs the bytes to send, e.g. C~ STARTTLS\\r\\nNOOP\\r\\n");
                }
                checkEscapes(file, no, payload);
                checkVariables(file, no, payload, keyword.equals("C~"));
                yield new Step.Send(no, line, payload, keyword.equals("C~"));
            }
            case "S:", "S!" -> new Step.Expect(no, line, expectations(file, no, arg, verdict), verdict);
            case "TLS", "TLS!" -> {
                noArgument(file, no, keyword, arg);
                yield new Step.StartTls(no, line, verdict);
            }
            case "CLOSE", "CLOSE!" -> {
                noArgument(file, no, keyword, arg);
                yield new Step.Close(no, line, verdict);
            }
            default -> new Step.Quiet(no, line, duration(file, no, arg), verdict);
        };
    }

    private static List<Expectation> expectations(String file, int no, String arg, boolean verdict) {
        List<Expectation> result = new ArrayList<>();
        Expectation text = null;
        String rest = arg;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String regex = rest.substring(slash);
            if (regex.length() < 2 || !regex.endsWith("/")) {
                throw new ScriptParseException(file, no, "a text pattern is written /regex/ at the end of the S: line");
            }
            try {
                text = new Expectation.Text(Pattern.compile(regex.substring(1, regex.length() - 1)));
            } catch (PatternSyntaxException e) {
                throw new ScriptParseException(file, no, "bad regular expression " + regex + ": " + e.getDescription());
            }
            rest = rest.substring(0, slash).strip();
        }
        String[] tokens = rest.isEmpty() ? new String[0] : rest.split("\\s+");
        if (tokens.length == 0) {
            throw new ScriptParseException(file, no, "S: needs a reply code first, e.g. S: 250 or S: 530|554 or S: 5xx");
        }
        Expectation.Code expected = codes(file, no, tokens[0]);
        result.add(expected);
        for (int t = 1; t < tokens.length; t++) {
            String token = tokens[t];
            if (token.startsWith(FAIL)) {
                result.add(violation(file, no, token, expected, verdict, result));
            } else if (ENHANCED.matcher(token).matches()) {
                result.add(new Expectation.Enhanced(token));
            } else if (KEYWORD.matcher(token).matches()) {
                result.add(new Expectation.Keyword(token.substring(1).toUpperCase(Locale.ROOT), token.charAt(0) == '+'));
            } else {
                throw new ScriptParseException(file, no, "cannot read '" + token + "' in S:; after the code come enhanced codes "
                        + "(5.7.0), EHLO keywords (+STARTTLS, -STARTTLS), on S! the replies that break the requirement "
                        + "(fail:2xx) and at the end /regex/");
            }
        }
        if (text != null) {
            result.add(text);
        }
        return List.copyOf(result);
    }

    /** Reply codes and classes, alternatives separated by {@code |}: {@code 503}, {@code 530|554}, {@code 5xx}. */
    private static Expectation.Code codes(String file, int no, String token) {
        List<String> codes = Arrays.asList(token.split("\\|", -1));
        for (String code : codes) {
            if (!CODE.matcher(code).matches()) {
                throw new ScriptParseException(file, no, "'" + token + "' is not a reply code; write 3 digits [2-5][0-5][0-9] "
                        + "or a class like 5xx, alternatives separated by |");
            }
        }
        return new Expectation.Code(List.copyOf(codes));
    }

    /** {@code fail:CODES} on a judged step: the replies that break the requirement, none of them an expected one. */
    private static Expectation.Violation violation(String file, int no, String token, Expectation.Code expected,
                                                   boolean verdict, List<Expectation> before) {
        if (!verdict) {
            throw new ScriptParseException(file, no, token + " names the replies that break the requirement; it belongs "
                    + "on the judged step (S!), not on S:");
        }
        if (before.stream().anyMatch(Expectation.Violation.class::isInstance)) {
            throw new ScriptParseException(file, no, "one fail: per line; write alternatives as fail:2xx|354");
        }
        Expectation.Violation violation = new Expectation.Violation(codes(file, no, token.substring(FAIL.length())));
        for (int code = 200; code < 600; code++) {
            if (expected.matches(code) && violation.matches(code)) {
                throw new ScriptParseException(file, no, "reply " + code + " is both expected (" + expected + ") and "
                        + token + "; a reply either meets the requirement or breaks it");
            }
        }
        return violation;
    }

    private static Duration duration(String file, int no, String arg) {
        Matcher m = DURATION.matcher(arg);
        if (!m.matches()) {
            throw new ScriptParseException(file, no, "QUIET needs a duration such as 1s or 500ms, not '" + arg + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        Duration d = Duration.ofMillis((long) (m.group(2).equals("ms") ? amount : amount * 1000));
        if (d.isZero() || d.compareTo(MAX_QUIET) > 0) {
            throw new ScriptParseException(file, no, "QUIET " + arg + " is outside 1ms..30s");
        }
        return d;
    }

    private static void noArgument(String file, int no, String keyword, String arg) {
        if (!arg.isEmpty()) {
            throw new ScriptParseException(file, no, keyword + " takes no argument, found '" + abbreviate(arg) + "'");
        }
    }

    private static void checkVariables(String file, int no, String payload, boolean raw) {
        Matcher v = VARIABLE.matcher(payload);
        while (v.find()) {
            if (!VARIABLES.contains(v.group(1))) {
                throw new ScriptParseException(file, no, "unknown variable ${" + v.group(1) + "}; known: ${helo}, "
                        + "${mail_from}, ${rcpt}, ${auth_plain}, ${auth_login_user}, ${auth_login_password}");
            }
            if (raw && SECRET_VARIABLES.contains(v.group(1))) {
                throw new ScriptParseException(file, no, "${" + v.group(1) + "} is a secret and may only be sent with C:, "
                        + "whose transcript line is masked; write C: AUTH PLAIN ${auth_plain}");
            }
        }
    }

    private static void checkEscapes(String file, int no, String payload) {
        try {
            unescape(payload);
        } catch (IllegalArgumentException e) {
            throw new ScriptParseException(file, no, e.getMessage());
        }
    }

    /** Turns the escapes {@code \r \n \t \\ \xHH} into bytes; everything else is sent as UTF-8. */
    public static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '\\') {
                    end++;
                }
                out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException("a lone backslash ends the line; write \\\\ for a backslash");
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    String hex = text.substring(i + 1, Math.min(i + 3, text.length()));
                    if (!hex.matches("[0-9A-Fa-f]{2}")) {
                        throw new IllegalArgumentException("\\x needs two hex digits, e.g. \\x00, not \\x" + hex);
                    }
                    out.write(Integer.parseInt(hex, 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + "; use \\r, \\n, \\t, \\\\ or \\xHH");
            }
        }
        return out.toByteArray();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
