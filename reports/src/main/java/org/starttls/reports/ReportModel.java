package org.starttls.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * What the HTML summary shows, computed from summary.json so the template only lays it out: the gate and the counts
 * at the top, a requirements × targets matrix when there are several targets, and per target one table per RFC
 * section. UI strings come from the {@code report/messages} bundle (English, or German with {@code de}); RFC quotes
 * stay in English.
 */
record ReportModel(String lang, Map<String, String> t, String generatedAt, Gate gate, List<Count> totals,
                   List<String> profiles, Matrix matrix, List<TargetView> targets) {

    record Gate(String level, boolean passed, String status, List<String> reasons) {
    }

    record Count(String verdict, String label, long count) {
    }

    record Matrix(boolean shown, List<String> targets, List<MatrixRow> rows) {
    }

    record MatrixRow(String id, String level, String title, List<Cell> cells) {
    }

    record Cell(String verdict, String label, String anchor) {
    }

    /** {@code client}: a client was under test (DESIGN §9); the suite played the server. */
    record TargetView(String target, String anchor, String profile, long durationMillis, String error, Summary.Facts facts,
                      List<Count> counts, List<Section> sections, boolean client) {
    }

    record Section(String heading, String link, List<Row> rows) {
    }

    record Row(String id, String anchor, String title, String level, String verdict, String verdictLabel, String quote,
               String link, String linkText, String detail, boolean failed, String fixHint, boolean derived,
               List<CaseView> cases) {
    }

    record CaseView(String name, String verdict, String verdictLabel, String detail, long durationMillis,
                    String transcript, String source) {
    }

    static ReportModel of(Summary summary, String lang) {
        ResourceBundle bundle = ResourceBundle.getBundle("report.messages", Locale.forLanguageTag(lang),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> t = bundle.keySet().stream().collect(Collectors.toMap(k -> k, bundle::getString));
        Function<Verdict, String> label = verdict -> t.getOrDefault("verdict_" + verdict.name(), verdict.name());

        List<TargetView> targets = summary.targets().stream().map(ts -> target(ts, label)).toList();
        Map<Verdict, Long> totals = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            totals.put(v, summary.targets().stream().mapToLong(ts -> ts.counts().getOrDefault(v, 0L)).sum());
        }
        Summary.GateResult g = summary.gate();
        Gate gate = new Gate(g.level().name(), g.passed(), t.get(g.passed() ? "gate_passed" : "gate_failed"), g.reasons());
        List<String> profiles = summary.targets().stream().map(ts -> ts.profile().propertyValue()).distinct().toList();
        return new ReportModel(lang, t, summary.startedAt(), gate, counts(totals, label), profiles, matrix(summary, label),
                targets);
    }

    private static TargetView target(Summary.TargetSummary ts, Function<Verdict, String> label) {
        String anchor = anchor(ts.target());
        Map<String, List<Summary.RequirementResult>> bySection = new LinkedHashMap<>();
        for (Summary.RequirementResult r : ts.results()) {
            bySection.computeIfAbsent(r.rfc() + " §" + r.section() + " " + r.sectionTitle(), k -> new ArrayList<>()).add(r);
        }
        List<Section> sections = bySection.entrySet().stream().map(e -> new Section(e.getKey(),
                e.getValue().get(0).link(), e.getValue().stream().map(r -> row(anchor, r, label)).toList())).toList();
        return new TargetView(ts.target(), anchor, ts.profile().propertyValue(), ts.durationMillis(), ts.error(), ts.facts(),
                counts(ts.counts(), label), sections, ts.clientUnderTest());
    }

    private static Row row(String targetAnchor, Summary.RequirementResult r, Function<Verdict, String> label) {
        boolean failed = r.verdict() == Verdict.FAIL;
        return new Row(r.id(), targetAnchor + "-" + r.id(), r.title(), r.level().keyword(), r.verdict().name(),
                label.apply(r.verdict()), r.quote(), r.link(), r.rfc() + " §" + r.section(), r.detail(), failed,
                failed ? r.fixHint() : null, r.derived(), r.cases().stream().map(c -> new CaseView(c.name(), c.verdict().name(),
                        label.apply(c.verdict()), c.detail(), c.durationMillis(), c.transcript(), c.source())).toList());
    }

    /** Rows are every requirement any target ran, in first-seen order; a cell is empty where a target did not run it. */
    private static Matrix matrix(Summary summary, Function<Verdict, String> label) {
        Map<String, Summary.RequirementResult> requirements = new LinkedHashMap<>();
        summary.targets().forEach(ts -> ts.results().forEach(r -> requirements.putIfAbsent(r.id(), r)));
        List<MatrixRow> rows = requirements.values().stream().map(r -> new MatrixRow(r.id(),
                r.level().keyword(), r.title(), summary.targets().stream().map(ts -> ts.results().stream()
                        .filter(x -> x.id().equals(r.id())).findFirst()
                        .map(x -> new Cell(x.verdict().name(), label.apply(x.verdict()), anchor(ts.target()) + "-" + x.id()))
                        .orElse(new Cell("NONE", "—", null))).toList())).toList();
        return new Matrix(summary.targets().size() > 1, summary.targets().stream().map(Summary.TargetSummary::target).toList(),
                rows);
    }

    private static List<Count> counts(Map<Verdict, Long> counts, Function<Verdict, String> label) {
        return counts.entrySet().stream().map(e -> new Count(e.getKey().name(), label.apply(e.getKey()), e.getValue())).toList();
    }

    /** An id attribute value from a target such as {@code [::1]:25}. */
    private static String anchor(String target) {
        return "t-" + target.replaceAll("[^A-Za-z0-9]+", "-");
    }
}
