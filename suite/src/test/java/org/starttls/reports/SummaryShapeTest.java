package org.starttls.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.starttls.summary.SummaryJson;

/** summary.json keeps the shape DESIGN §7 promises to tools, read back as plain JSON rather than through our types. */
class SummaryShapeTest {

    @Test
    void summaryJsonHasTheFieldsToolsRelyOn() throws Exception {
        TwoTargetRun run = TwoTargetRun.get();
        JsonNode root = new ObjectMapper().readTree(run.dir.resolve(SummaryJson.FILE_NAME).toFile());

        assertThat(root.path("targets").isArray()).isTrue();
        assertThat(root.path("targets")).hasSize(2);
        for (JsonNode target : root.path("targets")) {
            assertThat(target.path("target").isTextual()).as("target").isTrue();
            assertThat(target.path("profile").asText()).isEqualTo("require-tls");
            assertThat(target.path("durationMillis").isIntegralNumber()).as("durationMillis").isTrue();
            assertThat(target.path("results").isArray()).isTrue();
            assertThat(target.path("results")).isNotEmpty();
            for (JsonNode result : target.path("results")) {
                for (String field : new String[] {"id", "level", "verdict", "title", "detail"}) {
                    assertThat(result.path(field).isTextual()).as(result.path("id") + " field " + field).isTrue();
                }
                assertThat(result.path("verdict").asText()).isIn("PASS", "FAIL", "INCONCLUSIVE", "NOT_APPLICABLE");
            }
        }
        assertThat(root.path("targets").get(0).path("target").asText()).isEqualTo(run.referenceTarget);
        assertThat(root.path("targets").get(1).path("target").asText()).isEqualTo(run.faultyTarget);
        assertThat(root.path("gate").path("level").asText()).isEqualTo("MUST");
        assertThat(root.path("gate").path("passed").isBoolean()).isTrue();
        assertThat(root.path("gate").path("passed").asBoolean()).isFalse();
    }
}
