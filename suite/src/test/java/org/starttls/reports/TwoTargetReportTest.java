package org.starttls.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.client.RefusingPort;
import org.starttls.run.SummaryBuilder;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Gate;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;
import org.starttls.summary.Verdict;

/**
 * The reference server and a variant that breaks one MUST NOT, checked in one run: the verdicts differ in exactly
 * that requirement, the matrix shows it, and the gate fails the build.
 */
class TwoTargetReportTest {

    @Test
    void theFaultyTargetFailsExactlyTheBrokenRequirement() throws Exception {
        TwoTargetRun run = TwoTargetRun.get();
        Summary.TargetSummary reference = run.summary.targets().get(0);
        Summary.TargetSummary faulty = run.summary.targets().get(1);

        assertThat(run.result(run.referenceTarget, TwoTargetRun.BROKEN_REQUIREMENT).verdict()).isEqualTo(Verdict.PASS);
        assertThat(run.result(run.faultyTarget, TwoTargetRun.BROKEN_REQUIREMENT).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(reference.counts()).containsEntry(Verdict.FAIL, 0L);
        assertThat(faulty.results()).filteredOn(r -> !r.verdict().equals(
                        run.result(run.referenceTarget, r.id()).verdict()))
                .extracting(Summary.RequirementResult::id).containsExactly(TwoTargetRun.BROKEN_REQUIREMENT);
    }

    @Test
    void theMatrixShowsTheDifferenceInTargetOrder() throws Exception {
        TwoTargetRun run = TwoTargetRun.get();
        String html = Files.readString(run.dir.resolve(HtmlSummary.FILE_NAME));

        assertThat(html).contains("<section id=\"matrix\">");
        assertThat(matrixCells(html, TwoTargetRun.BROKEN_REQUIREMENT)).containsExactly("PASS", "FAIL");
        assertThat(matrixCells(html, "RFC3207-4.2-MUST-KNOW-TLS-ACTIVE")).containsExactly("PASS", "PASS");
        // the FAIL cell names what went wrong, with the reply that proves it, as the console and the gate do
        String detail = run.result(run.faultyTarget, TwoTargetRun.BROKEN_REQUIREMENT).detail();
        assertThat(Html.unescape(html)).contains("<small class=\"brief\">" + detail.lines().findFirst().orElseThrow()
                + " 250-localhost");
        assertThat(Html.unescape(html)).containsPattern("<small class=\"brief\">[^<]*\\| 250-STARTTLS \\|[^<]*</small>");
    }

    @Test
    void theGateFailsWithOneLineNamingTheRequirement() throws Exception {
        TwoTargetRun run = TwoTargetRun.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exitCode = ComplianceGate.fromDirectory(run.dir, new PrintStream(out, true, StandardCharsets.UTF_8));

        List<String> gateLines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("[smtp] GATE")).toList();
        assertThat(exitCode).isEqualTo(1);
        assertThat(gateLines).singleElement().asString().startsWith("[smtp] GATE FAILED (MUST): " + run.faultyTarget + ": "
                + TwoTargetRun.BROKEN_REQUIREMENT + " (MUST NOT) FAIL: "
                + run.result(run.faultyTarget, TwoTargetRun.BROKEN_REQUIREMENT).detail().lines().findFirst().orElseThrow())
                .as("the reply that proves the FAIL is on the same line").contains("| 250-STARTTLS |");
    }

    @Test
    void theGatePassesWhenOnlyTheReferenceServerIsJudged(@TempDir Path dir) throws Exception {
        TwoTargetRun run = TwoTargetRun.get();
        Summary all = run.summary;
        List<Summary.TargetSummary> reference = all.targets().stream()
                .filter(t -> t.target().equals(run.referenceTarget)).toList();
        assertThat(SummaryBuilder.gate(Gate.MUST, all.targets(), List.of()).exit()).as("both targets")
                .isEqualTo(ExitCode.GATE_FAILED);
        Summary referenceOnly = new Summary(all.suite(), all.version(), all.startedAt(), reference,
                SummaryBuilder.gate(Gate.MUST, reference, List.of()));
        SummaryJson.write(referenceOnly, dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(ComplianceGate.fromDirectory(dir, new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("gate MUST: PASSED").doesNotContain("GATE FAILED");
    }

    @Test
    void anUnreachableTargetIsOneLineInTheTableAndOneGateLine(@TempDir Path dir) throws Exception {
        String refused;
        try (RefusingPort refusing = RefusingPort.open()) {
            refused = refusing.target().toString();
            TwoTargetRun.conformanceRun(dir, Map.of("smtp.target", refused));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(ComplianceGate.fromDirectory(dir, new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(2);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).filteredOn(l -> l.contains("could not be evaluated")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.trim().startsWith("INCONCLUSIVE")).isEmpty();
        assertThat(lines).filteredOn(l -> l.startsWith("[smtp] NOT EVALUATED")).singleElement(STRING)
                .startsWith("[smtp] NOT EVALUATED: " + refused + ": cannot connect");
    }

    @Test
    void aMissingSummaryIsAConfigurationError(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(ComplianceGate.fromDirectory(dir, new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("[smtp] CONFIGURATION ERROR: no ");
    }

    @Test
    void germanTranslatesTheInterfaceButNotTheRfc(@TempDir Path dir) throws Exception {
        Path file = HtmlSummary.write(TwoTargetRun.get().summary, "de", dir);
        String html = Files.readString(file);

        assertThat(html).contains("<html lang=\"de\">", "SMTP-STARTTLS-Konformitätsbericht", "VERLETZT", "NICHT BESTANDEN",
                "So beheben Sie es", "A server MUST NOT return the STARTTLS extension");
    }

    @Test
    void allureGetsCategoriesAndEnvironmentAndKeepsTheHistoryPerTarget(@TempDir Path dir) throws Exception {
        Summary summary = TwoTargetRun.get().summary;
        Summary other = new Summary(summary.suite(), summary.version(), summary.startedAt(), summary.targets().subList(1, 2),
                summary.gate());
        // a report of these two targets, then one of the faulty target alone: each keeps its own trend
        AllureResults.write(summary, dir);
        Files.createDirectories(dir.resolve("allure-report/history"));
        Files.writeString(dir.resolve("allure-report/history/history-trend.json"), "[\"two targets\"]");
        AllureResults.write(other, dir);

        assertThat(dir.resolve("allure-results/history/history-trend.json")).doesNotExist();
        assertThat(dir.resolve("allure-report")).as("no stale report is left to advertise").doesNotExist();
        Files.createDirectories(dir.resolve("allure-report/history"));
        Files.writeString(dir.resolve("allure-report/history/history-trend.json"), "[\"faulty alone\"]");
        AllureResults.write(summary, dir);
        assertThat(dir.resolve("allure-results/history/history-trend.json")).hasContent("[\"two targets\"]");

        assertThat(new ObjectMapper().readTree(dir.resolve("allure-results/categories.json").toFile())
                .findValuesAsText("name")).containsExactly("MUST violations", "SHOULD deviations", "MAY and INFO findings", "INCONCLUSIVE",
                        "NOT_APPLICABLE");
        String faulty = summary.targets().get(1).target();
        assertThat(AllureResults.environment(summary)).containsEntry("target [" + faulty + "]", faulty)
                .containsEntry("profile [" + faulty + "]", "require-tls").containsKey("tls.protocol [" + faulty + "]")
                .containsKey("greeting [" + faulty + "]").containsKey("suite.version")
                .containsEntry("run", Findings.size(summary, org.starttls.i18n.Language.EN));
    }

    @Test
    void allureHasOneTestPerCaseWithItsVerdictAsStatus(@TempDir Path dir) throws Exception {
        Summary summary = TwoTargetRun.get().summary;
        AllureResults.write(summary, dir);

        long cases = summary.targets().stream().flatMap(t -> t.results().stream()).mapToLong(r -> r.cases().size()).sum();
        List<Path> results;
        try (var files = Files.list(dir.resolve("allure-results"))) {
            results = files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList();
        }
        assertThat(results).hasSize((int) cases);
        List<String> failed = new ArrayList<>();
        for (Path result : results) {
            var json = new ObjectMapper().readTree(result.toFile());
            if (json.path("status").asText().equals("failed")) {
                failed.add(json.path("testCaseId").asText());
            }
        }
        assertThat(failed).containsExactly(TwoTargetRun.BROKEN_REQUIREMENT);
    }

    /** The verdicts in the matrix row of one requirement, left to right. */
    private static List<String> matrixCells(String html, String id) {
        Matcher row = Pattern.compile("<tr data-id=\"" + Pattern.quote(id) + "\">(.*?)</tr>").matcher(html);
        assertThat(row.find()).as("matrix row for " + id).isTrue();
        return Pattern.compile("class=\"cell\" data-verdict=\"([A-Z_]+)\"").matcher(row.group(1)).results()
                .map(m -> m.group(1)).toList();
    }
}
