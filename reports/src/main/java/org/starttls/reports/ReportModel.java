package org.starttls.reports;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.starttls.i18n.Language;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * What the HTML summary shows, computed from summary.json so the template only lays it out. It leads with what to
 * fix: the gate (with one line on what a gate is), the FAILs the gate does not count, the run's size in the one
 * counting unit ("47 requirements, 67 cases"), then every FAIL, most binding level first, one line each with its fix
 * hint and, for a requirement checked with several commands, a command → expected → got table. Then the matrix (several
 * targets) and per target one table per RFC section. Texts come from the {@code report/messages} bundle and the
 * summary's German fields ({@code de}); RFC quotes stay English.
 */
record ReportModel(String lang, Map<String, String> t, String generatedAt, Gate gate, String size, List<Count> totals,
                   List<Count> caseTotals, List<String> profiles, List<Fix> fixes, Matrix matrix,
                   List<TargetView> targets) {

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz '(UTC'xxx')'");

    record Gate(String level, boolean passed, String status, String exit, int exitCode, boolean configurationError,
                List<String> reasons, List<String> notGated) {
    }

    record Count(String verdict, String label, long count) {
    }

    /** One FAILed requirement of one target, for the "what to fix" list at the top. */
    record Fix(String id, String anchor, String target, boolean showTarget, String level, String title, String brief,
               String fixHint, boolean gated, List<CaseView> failing) {

        /** A requirement checked with several commands gets a command → expected → got table of its failing cases. */
        public boolean table() {
            return !failing.isEmpty();
        }
    }

    record Matrix(boolean shown, List<String> targets, List<MatrixRow> rows) {
    }

    record MatrixRow(String id, String level, String title, List<Cell> cells) {
    }

    /** A matrix cell; {@code brief} names the failing cases with the replies they got (FAIL and INCONCLUSIVE). */
    record Cell(String verdict, String label, String anchor, String brief) {
    }

    /** {@code client}: a client was under test (DESIGN §9); the suite played the server. */
    record TargetView(String target, String anchor, boolean embedded, String profile, String duration, Integer sessions,
                      String size, String error, Summary.Facts facts, List<Count> counts, List<Section> sections,
                      boolean client) {
    }

    record Section(String heading, String link, List<Row> rows) {
    }

    record Row(String id, String anchor, String title, String level, String verdict, String verdictLabel, String quote,
               String link, String linkText, String detail, boolean failed, String fixHint, boolean derived,
               boolean severalCases, List<CaseView> cases) {
    }

    record CaseView(String name, String label, String verdict, String verdictLabel, String detail, String command,
                    String expected, String got, long durationMillis, String transcript, String source,
                    List<StepView> steps) {
    }

    record StepView(String source, String verdict, String verdictLabel, String message) {
    }

    static ReportModel of(Summary summary, Language language) {
        Map<String, String> t = Findings.messages(language).all();
        List<TargetView> targets = summary.targets().stream().map(ts -> target(ts, language)).toList();
        Summary.GateResult g = summary.gate();
        boolean refused = g.exit() == ExitCode.CONFIGURATION_ERROR;
        List<String> reasons = language == Language.DE && g.reasonsDe() != null ? g.reasonsDe() : g.reasons();
        Gate gate = new Gate(g.level().name(), g.passed(), t.get("gate_" + g.exit().name()), g.exit().name(), g.exitCode(),
                refused, reasons, Findings.notGatedSentences(summary, language));
        List<String> profiles = summary.targets().stream().map(ts -> ts.profile().propertyValue()).distinct().toList();
        boolean several = summary.targets().size() > 1;
        List<Fix> fixes = new ArrayList<>();
        for (Summary.TargetSummary ts : summary.targets()) {
            for (Summary.RequirementResult r : Findings.fails(ts)) {
                fixes.add(new Fix(r.id(), anchor(ts.target()) + "-" + r.id(), ts.target(), several, r.level().keyword(),
                        Findings.title(r, language), Findings.brief(r, Verdict.FAIL, language), Findings.fixHint(r, language),
                        g.level().blocks(r.level()), r.cases().size() > 1
                        ? r.cases(Verdict.FAIL).stream().map(c -> caseView(r, c, language)).toList() : List.of()));
            }
        }
        fixes.sort(Comparator.comparingInt((Fix f) -> -org.starttls.summary.Level.valueOf(f.level().replace(" ", "")).weight()));
        return new ReportModel(language.tag(), t, readable(summary.startedAt()), gate,
                refused ? null : Findings.size(summary, language), counts(summary.totals().requirementVerdicts(), language),
                counts(summary.totals().caseVerdicts(), language), profiles, fixes, matrix(summary, language), targets);
    }

    /** An ISO instant as a person reads it, in this machine's time zone, with the zone named. */
    static String readable(String isoInstant) {
        try {
            return READABLE.format(Instant.parse(isoInstant).atZone(ZoneId.systemDefault()));
        } catch (RuntimeException e) {
            return isoInstant;
        }
    }

    private static TargetView target(Summary.TargetSummary ts, Language language) {
        String anchor = anchor(ts.target());
        Map<String, List<Summary.RequirementResult>> bySection = new LinkedHashMap<>();
        for (Summary.RequirementResult r : ts.results()) {
            bySection.computeIfAbsent(r.rfc() + " §" + r.section() + " " + r.sectionTitle(), k -> new ArrayList<>()).add(r);
        }
        List<Section> sections = bySection.entrySet().stream().map(e -> new Section(e.getKey(),
                e.getValue().get(0).link(), e.getValue().stream().map(r -> row(anchor, r, language)).toList())).toList();
        return new TargetView(ts.target(), anchor, ts.embeddedServer(), ts.profile().propertyValue(),
                ConsoleTable.seconds(ts.durationMillis(), language), ts.sessions(),
                Findings.messages(language).get("size", ts.results().size(), ts.cases()), Findings.error(ts, language),
                ts.facts(), counts(ts.counts(), language), sections, ts.clientUnderTest());
    }

    private static Row row(String targetAnchor, Summary.RequirementResult r, Language language) {
        boolean failed = r.verdict() == Verdict.FAIL;
        boolean several = r.cases().size() > 1;
        String detail = several && r.verdict() != Verdict.PASS && r.verdict() != Verdict.NOT_APPLICABLE
                ? Findings.brief(r, r.verdict(), language) : Findings.detail(r, language);
        return new Row(r.id(), targetAnchor + "-" + r.id(), Findings.title(r, language), r.level().keyword(),
                r.verdict().name(), Findings.verdict(r.verdict(), language), r.quote(), r.link(), r.rfc() + " §" + r.section(),
                detail, failed, failed ? Findings.fixHint(r, language) : null, r.derived(), several,
                r.cases().stream().map(c -> caseView(r, c, language)).toList());
    }

    private static CaseView caseView(Summary.RequirementResult r, Summary.CaseSummary c, Language language) {
        List<StepView> steps = c.steps().stream().map(s -> new StepView(s.source(), s.verdict().name(),
                Findings.verdict(s.verdict(), language), stepMessage(s, language))).toList();
        return new CaseView(c.name(), Findings.label(r, c), c.verdict().name(), Findings.verdict(c.verdict(), language),
                Findings.detail(c, language), c.command(), c.expected(), c.got(), c.durationMillis(), c.transcript(),
                withoutClassNames(c.source(), language), steps);
    }

    private static String stepMessage(Summary.StepResult s, Language language) {
        if ("not reached".equals(s.message())) {
            return Findings.messages(language).get("not_reached");
        }
        return s.message();
    }

    /** A Java case's source names its class for developers; the report says what it is instead. */
    static String withoutClassNames(String source, Language language) {
        if (source == null) {
            return null;
        }
        return source.replaceAll("\\n?\\(Java check [\\w.$]+\\)", "\n(" + Findings.messages(language).get("java_check") + ")");
    }

    /** Rows are every requirement any target ran, in first-seen order; a cell is empty where a target did not run it. */
    private static Matrix matrix(Summary summary, Language language) {
        Map<String, Summary.RequirementResult> requirements = new LinkedHashMap<>();
        summary.targets().forEach(ts -> ts.results().forEach(r -> requirements.putIfAbsent(r.id(), r)));
        List<MatrixRow> rows = requirements.values().stream().map(r -> new MatrixRow(r.id(),
                r.level().keyword(), Findings.title(r, language), summary.targets().stream().map(ts -> ts.results().stream()
                        .filter(x -> x.id().equals(r.id())).findFirst()
                        .map(x -> new Cell(x.verdict().name(), Findings.verdict(x.verdict(), language),
                                anchor(ts.target()) + "-" + x.id(), x.verdict() == Verdict.FAIL
                                || x.verdict() == Verdict.INCONCLUSIVE && ts.error() == null
                                ? Findings.brief(x, x.verdict(), language) : null))
                        .orElse(new Cell("NONE", "—", null, null))).toList())).toList();
        return new Matrix(summary.targets().size() > 1, summary.targets().stream().map(Summary.TargetSummary::target).toList(),
                rows);
    }

    private static List<Count> counts(Map<Verdict, Long> counts, Language language) {
        List<Count> list = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            list.add(new Count(v.name(), Findings.verdict(v, language), counts.getOrDefault(v, 0L)));
        }
        return list;
    }

    /** An id attribute value from a target such as {@code [::1]:25}. */
    static String anchor(String target) {
        return "t-" + target.replaceAll("[^A-Za-z0-9]+", "-");
    }
}
