package org.starttls.zoo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.starttls.requirements.Catalogue;
import org.starttls.requirements.Requirement;
import org.starttls.summary.Role;
import org.starttls.summary.Verdict;

/**
 * The self-test's verdict matrix, servers by requirements, as Markdown for people and CSV for tools. A cell is the
 * verdict's letter (P, F, I, N; {@code .} when no case checks the id) with a mark: {@code *} an expected FAIL,
 * {@code !} a FAIL nobody expected, {@code ?} an expected FAIL that did not happen.
 */
final class ZooMatrix {

    static final String MARKDOWN = "zoo-matrix.md";
    static final String CSV = "zoo-matrix.csv";

    private final ZooRun.Result result;
    private final List<Requirement> requirements = Catalogue.forRole(Role.SERVER);

    ZooMatrix(ZooRun.Result result) {
        this.result = result;
    }

    /** Writes both files into {@code dir}; returns the Markdown file. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(CSV), csv());
        Path markdown = dir.resolve(MARKDOWN);
        Files.writeString(markdown, markdown());
        return markdown;
    }

    /** One line of counts: variants, requirements, covered ids, detected variants, wall time. */
    String headline() {
        List<ZooRow> variants = result.variants().stream()
                .filter(r -> r.expectation().kind() != Expectation.Kind.CORRECT).toList();
        long correct = result.variants().size() - variants.size();
        long covered = requirements.stream()
                .filter(r -> !result.killers(r.id()).isEmpty() || !result.alsoFailing(r.id()).isEmpty()).count();
        long detected = variants.stream().filter(ZooRow::detected).count();
        long awaiting = variants.stream().filter(r -> r.expectation().awaitedId().isPresent()).count();
        long meeting = result.rows().stream().filter(r -> r.violations().isEmpty()).count();
        return String.format(Locale.ROOT, "%d faulty variants (%d detected, %d awaiting their requirement in the "
                        + "catalogue), %d correct variants, %d reference servers, %d requirements (%d made to FAIL by a "
                        + "variant), %d of %d rows as expected; wall time %.1f s on %d CPUs",
                variants.size(), detected, awaiting, correct, result.rows().size() - result.variants().size(),
                requirements.size(),
                covered, meeting, result.rows().size(), result.wallTime().toMillis() / 1000.0,
                Runtime.getRuntime().availableProcessors());
    }

    String cell(ZooRow row, String id) {
        Verdict verdict = row.verdict(id).orElse(null);
        if (verdict == null) {
            return ".";
        }
        String letter = verdict.name().substring(0, 1);
        boolean expected = row.expectation().expectsFail(id);
        if (verdict == Verdict.FAIL) {
            return letter + (expected ? "*" : "!");
        }
        return expected && row.expectation().kind() == Expectation.Kind.RULE ? letter + "?" : letter;
    }

    /** The columns of one row, shared by both formats: server, profile, expects, one per id, counts, seconds, status. */
    private List<String> columns(ZooRow row) {
        List<String> columns = new ArrayList<>(List.of(row.name(), row.profile().toString(), expects(row)));
        requirements.forEach(r -> columns.add(cell(row, r.id())));
        counts(row).values().forEach(n -> columns.add(n.toString()));
        columns.add(String.format(Locale.ROOT, "%.1f", row.millis() / 1000.0));
        columns.add(status(row));
        return columns;
    }

    private String markdown() {
        StringBuilder md = new StringBuilder("# Faulty-server zoo: verdict matrix\n\n")
                .append(headline()).append(".\n\n")
                .append("Cells: P pass, F fail, I inconclusive, N not applicable, `.` no case checks the id. ")
                .append("`F*` an expected FAIL (for robustness variants: an allowed one), `F!` a FAIL nobody expected, ")
                .append("`?` an expected FAIL that did not happen. Columns are numbered; the key is below.\n\n");
        List<String> header = new ArrayList<>(List.of("server", "profile", "expects"));
        for (int i = 1; i <= requirements.size(); i++) {
            header.add(Integer.toString(i));
        }
        header.addAll(List.of("P", "F", "I", "N", "seconds", "as expected"));
        md.append(markdownLine(header)).append("|---".repeat(header.size())).append("|\n");
        result.rows().forEach(row -> md.append(markdownLine(columns(row))));
        md.append("\n## Columns\n\n| # | requirement | level | variants built to FAIL it | also FAILed by |\n")
                .append("|---|---|---|---|---|\n");
        for (int i = 0; i < requirements.size(); i++) {
            Requirement r = requirements.get(i);
            List<String> killers = result.killers(r.id());
            md.append(markdownLine(List.of(Integer.toString(i + 1), r.id(), r.level().keyword(),
                    killers.isEmpty() ? noKiller(r.id()) : String.join(", ", killers),
                    String.join(", ", result.alsoFailing(r.id())))));
        }
        List<String> problems = new ArrayList<>();
        result.rows().forEach(row -> row.violations().forEach(v -> problems.add("- " + row.name() + ": " + v)));
        if (!problems.isEmpty()) {
            md.append("\n## Not as expected\n\n").append(String.join("\n", problems)).append('\n');
        }
        return md.toString();
    }

    private String csv() {
        List<String> header = new ArrayList<>(List.of("server", "profile", "expects"));
        requirements.forEach(r -> header.add(r.id()));
        header.addAll(List.of("P", "F", "I", "N", "seconds", "status", "violations"));
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (ZooRow row : result.rows()) {
            List<String> columns = columns(row);
            columns.add("\"" + String.join("; ", row.violations()).replace("\"", "\"\"") + "\"");
            csv.append(String.join(",", columns)).append('\n');
        }
        return csv.toString();
    }

    private static String markdownLine(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private String noKiller(String id) {
        return result.alsoFailing(id).isEmpty() ? "**none: untested check**" : "none of its own";
    }

    /** The kind of server, and for a rule variant whose rule the catalogue lacks, the id it awaits. */
    private static String expects(ZooRow row) {
        String kind = row.expectation().kind().name().toLowerCase(Locale.ROOT);
        return row.expectation().awaitedId().map(id -> kind + ", awaits " + id).orElse(kind);
    }

    private static String status(ZooRow row) {
        if (!row.violations().isEmpty()) {
            return "NO";
        }
        return row.expectation().awaitedId().isPresent() ? "pending" : "yes";
    }

    private static Map<Verdict, Long> counts(ZooRow row) {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, row.verdicts().values().stream().filter(v::equals).count());
        }
        return counts;
    }
}
