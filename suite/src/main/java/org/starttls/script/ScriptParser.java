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
 * Reads the {@code .smtp} scenario format (DESIGN §4). Strict: anything it does not understand is a
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

    private ScriptParser() {
    }

    public static Script parse(String file, String text) {
        String name = caseName(file);
        String id = null;
        String description = null;
        List<String> quotes = new ArrayList<>();
        List<String> needsClear = new ArrayList<>();
        List<String> needsTls = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                if (description == null && steps.isEmpty()) {
                    description = line.substring(1).strip();
                }
                continue;
            }
            if (line.startsWith("@")) {
                String[] kv = line.split("\\s+", 2);
                String value = kv.length > 1 ? kv[1].strip() : "";
                switch (kv[0]) {
                    case "@id" -> {
                        if (id != null) {
                            throw new ScriptParseException(file, no, "@id given twice; a script checks one requirement");
                        }
                        if (value.isEmpty()) {
                            throw new ScriptParseException(file, no, "@id needs a requirement id, e.g. @id RFC3207-4-SHOULD-530");
                        }
                        id = value;
                    }
                    case "@quote" -> quotes.add(value);
                    case "@needs" -> {
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
                    default -> throw new ScriptParseException(file, no, "unknown directive " + kv[0]
                            + "; expected @id, @quote or @needs");
                }
                continue;
            }
            steps.add(step(file, no, line, lines[i]));
        }
        if (id == null) {
            throw new ScriptParseException(file, 1, "no @id line; every script names the requirement it checks");
        }
        if (steps.stream().noneMatch(Step::verdict)) {
            throw new ScriptParseException(file, lines.length, "no verdict step; mark the step the requirement is judged on "
                    + "with '!' (S!, TLS!, CLOSE! or QUIET!)");
        }
        return new Script(name, file, id, description == null ? name : description, List.copyOf(quotes),
                List.copyOf(needsClear), List.copyOf(needsTls), List.copyOf(steps), text);
    }

    private static Step step(String file, int no, String line, String original) {
        Matcher m = STEP.matcher(line);
        if (!m.matches()) {
            throw new ScriptParseException(file, no, "cannot read '" + abbreviate(line) + "'; a line is a comment (#), a "
                    + "directive (@id, @quote, @needs) or a step: C:, C~, S:, S!, TLS, CLOSE, QUIET (append ! to mark the verdict step)");
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
            case "S:", "S!" -> new Step.Expect(no, line, expectations(file, no, arg), verdict);
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

    private static List<Expectation> expectations(String file, int no, String arg) {
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
        List<String> codes = Arrays.asList(tokens[0].split("\\|"));
        for (String code : codes) {
            if (!CODE.matcher(code).matches()) {
                throw new ScriptParseException(file, no, "'" + tokens[0] + "' is not a reply code; write 3 digits [2-5][0-5][0-9] "
                        + "or a class like 5xx, alternatives separated by |");
            }
        }
        result.add(new Expectation.Code(List.copyOf(codes)));
        for (int t = 1; t < tokens.length; t++) {
            String token = tokens[t];
            if (ENHANCED.matcher(token).matches()) {
                result.add(new Expectation.Enhanced(token));
            } else if (KEYWORD.matcher(token).matches()) {
                result.add(new Expectation.Keyword(token.substring(1).toUpperCase(Locale.ROOT), token.charAt(0) == '+'));
            } else {
                throw new ScriptParseException(file, no, "cannot read '" + token + "' in S:; after the code come enhanced codes "
                        + "(5.7.0), EHLO keywords (+STARTTLS, -STARTTLS) and at the end /regex/");
            }
        }
        if (text != null) {
            result.add(text);
        }
        return List.copyOf(result);
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

    static String caseName(String file) {
        String base = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        return base.endsWith(".smtp") ? base.substring(0, base.length() - 5) : base;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
