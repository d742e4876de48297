package org.starttls.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Level;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * The run as SARIF 2.1.0 ({@code results.sarif}) for code-scanning dashboards: one rule per requirement the run
 * judged (its title, the RFC's words, the level, the fix hint as help and the link to the RFC section), one result per
 * FAILed case with the reply it got as the message; MUST and MUST NOT are {@code error}, SHOULD and SHOULD NOT
 * {@code warning}, MAY and INFO {@code note}. Each result's location is the target ({@code smtp://host:port}) and its
 * fingerprint a hash of target and case name, stable from run to run so a dashboard can tell a new finding from an old
 * one. Targets that could not be evaluated are tool notifications. Texts are English: SARIF viewers do not switch.
 */
public final class SarifReport {

    public static final String FILE_NAME = "results.sarif";
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SarifReport() {
    }

    public static Path write(Summary summary, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        JSON.writeValue(file.toFile(), sarif(summary));
        return file;
    }

    static ObjectNode sarif(Summary summary) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", summary.suite() == null ? "smtp-starttls-conformance" : summary.suite());
        driver.put("version", summary.version());
        driver.put("informationUri", "https://www.rfc-editor.org/rfc/rfc3207.html");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Summary.TargetSummary t : summary.targets()) {
            for (Summary.RequirementResult r : t.results()) {
                if (!ruleIndex.containsKey(r.id())) {
                    ruleIndex.put(r.id(), ruleIndex.size());
                    rule(rules.addObject(), r);
                }
            }
        }
        ArrayNode results = run.putArray("results");
        for (Summary.TargetSummary t : summary.targets()) {
            for (Summary.RequirementResult r : t.results()) {
                for (Summary.CaseSummary c : r.cases(Verdict.FAIL)) {
                    result(results.addObject(), t, r, c, ruleIndex.get(r.id()));
                }
            }
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", summary.gate().exit() != org.starttls.summary.ExitCode.CONFIGURATION_ERROR);
        invocation.put("exitCode", summary.gate().exitCode());
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        for (Summary.TargetSummary t : summary.targets()) {
            if (t.error() != null) {
                ObjectNode n = notifications.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", t.target() + " could not be evaluated: " + t.error());
            }
        }
        if (summary.targets().isEmpty()) {
            // the reasons no target carries: a refused run, or domains that could not be resolved
            String what = summary.gate().exit() == ExitCode.CONFIGURATION_ERROR ? "configuration error: " : "not evaluated: ";
            summary.gate().reasons().forEach(reason -> {
                ObjectNode n = notifications.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", what + reason);
            });
        }
        if (summary.startedAt() != null) {
            invocation.put("startTimeUtc", summary.startedAt());
        }
        run.putObject("automationDetails").put("id", "smtp-starttls/" + String.join("+",
                summary.targets().stream().map(Summary.TargetSummary::target).toList()) + "/");
        return root;
    }

    private static void rule(ObjectNode rule, Summary.RequirementResult r) {
        rule.put("id", r.id());
        rule.put("name", r.id().replaceAll("[^A-Za-z0-9]", ""));
        rule.putObject("shortDescription").put("text", r.title());
        rule.putObject("fullDescription").put("text", r.rfc() + " §" + r.section() + " (" + r.level().keyword() + "): "
                + r.quote());
        rule.putObject("help").put("text", r.fixHint());
        rule.put("helpUri", r.link());
        rule.putObject("defaultConfiguration").put("level", level(r.level()));
        ObjectNode properties = rule.putObject("properties");
        properties.put("level", r.level().keyword());
        properties.put("rfc", r.rfc());
        properties.put("section", r.section());
        properties.putArray("tags").add("smtp").add("starttls").add(r.rfc().replace(" ", "").toLowerCase(java.util.Locale.ROOT))
                .add(r.level().keyword());
    }

    private static void result(ObjectNode result, Summary.TargetSummary t, Summary.RequirementResult r,
                               Summary.CaseSummary c, int index) {
        result.put("ruleId", r.id());
        result.put("ruleIndex", index);
        result.put("level", level(r.level()));
        result.putObject("message").put("text", message(t, c));
        ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", "smtp://" + t.target());
        result.putObject("partialFingerprints").put("smtpStarttlsCase/v1", fingerprint(t.target() + "|" + c.name()));
        ObjectNode properties = result.putObject("properties");
        properties.put("target", t.target());
        properties.put("case", c.name());
        properties.put("profile", t.profile().propertyValue());
    }

    /** The reply the case got, with the command it answered: what a reader of a dashboard needs first. */
    static String message(Summary.TargetSummary t, Summary.CaseSummary c) {
        StringBuilder text = new StringBuilder(t.target()).append(", ").append(c.name()).append(": ");
        if (c.command() != null && c.got() != null) {
            text.append(c.command()).append(" → ").append(c.got());
            if (c.expected() != null) {
                text.append(" (expected: ").append(c.expected()).append(")");
            }
            text.append(". ");
        }
        return text.append(c.detail()).toString();
    }

    static String level(Level level) {
        return switch (level.weight()) {
            case 3 -> "error";
            case 2 -> "warning";
            default -> "note";
        };
    }

    static String fingerprint(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
