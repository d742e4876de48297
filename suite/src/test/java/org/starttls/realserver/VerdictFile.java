package org.starttls.realserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.starttls.cases.ConformanceCase;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * The expected verdicts of one real server under one profile, one line per case of the catalogue:
 * {@code suite/src/test/resources/realservers/SERVER/PROFILE.verdicts}.
 *
 * <pre>
 * # comment lines start with '#'; blank lines are ignored
 * CASE   VERDICT   WHY
 * </pre>
 *
 * CASE is a case name of the catalogue; VERDICT is {@code PASS}, {@code FAIL}, {@code INCONCLUSIVE} or {@code N/A};
 * WHY, the rest of the line, is required for every verdict but PASS: the reply of the transcript that proves it, or
 * why the case cannot be judged. {@code SUSPECT: ...} records a verdict believed false (the suite wrong, not the
 * server); {@code TODO explain ...} is what {@link #render} writes for a new FAIL or INCONCLUSIVE, and is refused.
 * Parsing is strict: a malformed line, a case the catalogue does not have, a duplicate, a missing case or a missing
 * explanation is reported with the file and line, all problems at once.
 */
final class VerdictFile {

    /** Where the data files are, from the suite module's directory (where the tests run). */
    static final Path DIRECTORY = Path.of("src", "test", "resources", "realservers");
    static final String SUFFIX = ".verdicts";
    static final String TODO = "TODO explain";
    static final String SUSPECT = "SUSPECT:";
    private static final Pattern LINE = Pattern.compile("(\\S+)\\s+(\\S+)(?:\\s+(.*))?");
    private static final int NAME_COLUMN = 64;
    private static final int VERDICT_COLUMN = 13;

    /** One line of the file. */
    record Line(int number, String caseName, Verdict verdict, String why) {
    }

    private final Path file;
    private final Map<String, Line> lines;
    private final List<String> problems;

    private VerdictFile(Path file, Map<String, Line> lines, List<String> problems) {
        this.file = file;
        this.lines = lines;
        this.problems = problems;
    }

    static Path of(String server, String profile) {
        return DIRECTORY.resolve(server).resolve(profile + SUFFIX);
    }

    /** The file's lines by case name, in file order. */
    Map<String, Line> lines() {
        return lines;
    }

    Path file() {
        return file;
    }

    /** Reads {@code file}, which need not exist (then it has no lines and one problem saying so). */
    static VerdictFile read(Path file, List<ConformanceCase> catalogue) throws IOException {
        Map<String, Line> lines = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            problems.add(file + " does not exist; write it from a run with -D" + RealServerMatrixTest.UPDATE_EXPECTATIONS
                    + "=true, then explain every line that is not PASS");
            return new VerdictFile(file, lines, problems);
        }
        List<String> known = catalogue.stream().map(ConformanceCase::name).toList();
        List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < text.size(); i++) {
            String raw = text.get(i).strip();
            if (raw.isEmpty() || raw.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            Matcher m = LINE.matcher(raw);
            if (!m.matches()) {
                problems.add(where + "write CASE VERDICT [WHY], not '" + raw + "'");
                continue;
            }
            String name = m.group(1);
            Optional<Verdict> verdict = parseVerdict(m.group(2));
            String why = m.group(3) == null ? "" : m.group(3).strip();
            if (!known.contains(name)) {
                problems.add(where + name + " is not a case of the catalogue; remove the line");
            } else if (lines.containsKey(name)) {
                problems.add(where + name + " is listed again (first on line " + lines.get(name).number() + ")");
            } else if (verdict.isEmpty()) {
                problems.add(where + "'" + m.group(2) + "' is not a verdict; write PASS, FAIL, INCONCLUSIVE or N/A");
            } else {
                lines.put(name, new Line(i + 1, name, verdict.get(), why));
                if (verdict.get() != Verdict.PASS && why.isEmpty()) {
                    problems.add(where + name + " is " + token(verdict.get()) + " without a why: write the reply of the "
                            + "transcript that proves it, or why it cannot be judged");
                } else if (why.startsWith(TODO)) {
                    problems.add(where + name + " " + token(verdict.get()) + ": " + why);
                }
            }
        }
        for (String name : known) {
            if (!lines.containsKey(name)) {
                problems.add(file + ": the case " + name + " has no line; add one (or rewrite the file with -D"
                        + RealServerMatrixTest.UPDATE_EXPECTATIONS + "=true)");
            }
        }
        return new VerdictFile(file, lines, problems);
    }

    /**
     * Everything wrong with the file, and every case whose observed verdict differs from its line, with the observed
     * detail: empty when the server did exactly what the file says.
     */
    List<String> mismatches(Map<String, Summary.CaseSummary> observed) {
        List<String> all = new ArrayList<>(problems);
        lines.values().forEach(line -> {
            Summary.CaseSummary seen = observed.get(line.caseName());
            if (seen == null) {
                all.add(file + ":" + line.number() + ": " + line.caseName() + " expected " + token(line.verdict())
                        + ", but the run has no such case");
            } else if (seen.verdict() != line.verdict()) {
                all.add(file + ":" + line.number() + ": " + line.caseName() + " expected " + token(line.verdict())
                        + ", observed " + token(seen.verdict()) + ": " + seen.detail());
            }
        });
        return all;
    }

    /**
     * The file for {@code observed} verdicts: every case of the catalogue in its order, the explanation of the
     * previous file kept where the verdict did not change; a new N/A explained by the engine's own reason, a new FAIL
     * or INCONCLUSIVE marked {@value #TODO} with the engine's detail to start from.
     */
    static String render(List<String> header, List<ConformanceCase> catalogue, Map<String, Summary.CaseSummary> observed,
                         Map<String, Line> previous) {
        StringBuilder text = new StringBuilder();
        header.forEach(comment -> text.append("# ").append(comment).append('\n'));
        text.append('\n');
        for (ConformanceCase c : catalogue) {
            Summary.CaseSummary seen = observed.get(c.name());
            if (seen == null) {
                throw new IllegalArgumentException("the run has no case " + c.name());
            }
            Line before = previous.get(c.name());
            String why;
            if (before != null && before.verdict() == seen.verdict() && !before.why().isEmpty()) {
                why = before.why();
            } else if (seen.verdict() == Verdict.PASS) {
                why = "";
            } else if (seen.verdict() == Verdict.NOT_APPLICABLE) {
                why = oneLine(seen.detail());
            } else {
                why = TODO + (before == null ? "" : " (was " + token(before.verdict()) + ": " + before.why() + ")")
                        + ": " + oneLine(seen.detail());
            }
            text.append(line(c.name(), seen.verdict(), why)).append('\n');
        }
        return text.toString();
    }

    private static String line(String name, Verdict verdict, String why) {
        String padded = String.format("%-" + (NAME_COLUMN - 1) + "s %-" + (VERDICT_COLUMN - 1) + "s %s", name,
                token(verdict), why);
        return padded.stripTrailing();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    /** {@code PASS}, {@code FAIL}, {@code INCONCLUSIVE}, {@code N/A}. */
    static String token(Verdict verdict) {
        return verdict == Verdict.NOT_APPLICABLE ? "N/A" : verdict.name();
    }

    static Optional<Verdict> parseVerdict(String token) {
        for (Verdict v : Verdict.values()) {
            if (token(v).equals(token)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
