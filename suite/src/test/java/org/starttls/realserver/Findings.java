package org.starttls.realserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.starttls.cases.ConformanceCase;
import org.starttls.summary.Verdict;

/**
 * What the matrix found wrong in one real server, one finding a line, in
 * {@code src/test/resources/realservers/SERVER/findings}: {@code CASE TEXT}, where CASE is the case whose transcript
 * shows it and TEXT one sentence for the README. A finding must name a case the server FAILs or leaves INCONCLUSIVE
 * under one of its listeners (not as a {@code SUSPECT} line): PASS and N/A show nothing wrong, so a finding the server
 * or the suite has since fixed, or that no listener judges, cannot linger.
 */
record Findings(List<Finding> findings) {

    static final String FILE_NAME = "findings";
    private static final Pattern LINE = Pattern.compile("(\\S+)\\s+(.+)");

    record Finding(int number, String caseName, String text) {
    }

    /** The findings of {@code server}; none when it has no findings file. */
    static Findings of(MatrixServer server) throws IOException {
        return read(VerdictFile.DIRECTORY.resolve(server.slug()).resolve(FILE_NAME), new ArrayList<>());
    }

    private static Findings read(Path file, List<String> problems) throws IOException {
        List<Finding> findings = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return new Findings(findings);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                findings.add(new Finding(i + 1, m.group(1), m.group(2)));
            } else {
                problems.add(file + ":" + (i + 1) + ": write CASE TEXT, not '" + line + "'");
            }
        }
        return new Findings(findings);
    }

    /** What is wrong with the findings file in {@code directory}, against the data files beside it. */
    static List<String> problems(Path directory, MatrixServer server, List<ConformanceCase> catalogue) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        List<String> problems = new ArrayList<>();
        Findings findings = read(file, problems);
        List<VerdictFile> verdicts = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(f -> f.toString().endsWith(VerdictFile.SUFFIX)).sorted().toList()) {
                verdicts.add(VerdictFile.read(f, catalogue));
            }
        }
        for (Finding finding : findings.findings()) {
            boolean shown = verdicts.stream().map(v -> v.lines().get(finding.caseName())).anyMatch(line -> line != null
                    && (line.verdict() == Verdict.FAIL || line.verdict() == Verdict.INCONCLUSIVE)
                    && !line.why().startsWith(VerdictFile.SUSPECT));
            if (!shown) {
                problems.add(file + ":" + finding.number() + ": " + server.kind().name() + " neither FAILs nor leaves "
                        + "INCONCLUSIVE " + finding.caseName() + " under any listener (or only as SUSPECT); remove the "
                        + "finding or name the case that shows it");
            }
        }
        return problems;
    }
}
