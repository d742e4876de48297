package org.starttls.reports;

import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * The run as Allure results, written from the summary: one test per case (epic = RFC, feature = section, story and
 * {@code requirement} = the id, severity from the level; one suite per target, named by the target), one step per
 * script line, the scenario, transcript, server certificate and fix hint attached; then {@code categories.json} and
 * {@code environment.properties} (with the run's size: "47 requirements, 67 cases").
 *
 * <p>History: Allure draws its trend from the previous report's {@code history/}. Kept as it was, a run against one
 * server would continue the trend of a run against another; so each report's history is kept under
 * {@code allure-history/<targets>/} and only the history of the same targets (and profile) goes into the next results.
 * The previous {@code allure-report} is then removed: what exists after a run was generated from this run's results, and
 * no door advertises a stale report when the Allure report is switched off.
 */
public final class AllureResults {

    public static final String RESULTS = "allure-results";
    public static final String REPORT = "allure-report";
    /** Where each set of targets keeps its Allure history between runs. */
    public static final String HISTORY_STORE = "allure-history";
    private static final String LAST_KEY = "last-run";
    private static final String TEXT = "text/plain";

    private AllureResults() {
    }

    /** Replaces {@code reportDir/allure-results} with this run's results; returns the folder. */
    public static Path write(Summary summary, Path reportDir) throws IOException {
        Path results = reportDir.resolve(RESULTS);
        deleteTree(results);
        Files.createDirectories(results);
        FileSystemResultsWriter writer = new FileSystemResultsWriter(results);
        long start = Instant.parse(summary.startedAt()).toEpochMilli();
        for (Summary.TargetSummary target : summary.targets()) {
            for (Summary.RequirementResult requirement : target.results()) {
                for (Summary.CaseSummary c : requirement.cases()) {
                    writer.write(test(writer, target, requirement, c, start));
                }
            }
        }
        try (InputStream categories = AllureResults.class.getResourceAsStream("/allure/categories.json")) {
            Files.copy(categories, results.resolve("categories.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        try (Writer out = Files.newBufferedWriter(results.resolve("environment.properties"), StandardCharsets.UTF_8)) {
            environment(summary).store(out, "SMTP STARTTLS conformance run");
        }
        keepHistoryPerTarget(summary, reportDir, results);
        return results;
    }

    private static TestResult test(FileSystemResultsWriter writer, Summary.TargetSummary target,
                                   Summary.RequirementResult r, Summary.CaseSummary c, long start) {
        String section = "§" + r.section() + " " + r.sectionTitle();
        List<Label> labels = new ArrayList<>(List.of(label("epic", r.rfc()), label("feature", section),
                label("story", r.id()), label("requirement", r.id()), label("severity", r.level().allureSeverity()),
                label("suite", suiteName(target)), label("subSuite", r.rfc() + " " + section),
                label("host", target.target())));
        List<io.qameta.allure.model.Attachment> attachments = new ArrayList<>();
        attachments.add(attach(writer, "scenario " + c.name(), c.source(), ".smtp"));
        if (c.transcript() != null && !c.transcript().isEmpty()) {
            attachments.add(attach(writer, "transcript", c.transcript(), ".txt"));
        }
        if (target.facts() != null && target.facts().certificatePem() != null) {
            attachments.add(attach(writer, "server certificate", target.facts().certificatePem(), ".pem"));
        }
        if (c.verdict() == Verdict.FAIL) {
            attachments.add(attach(writer, "how to fix", r.fixHint(), ".txt"));
        }
        List<StepResult> steps = c.steps().stream().map(s -> new StepResult()
                .setName("line " + s.line() + ": " + s.source()
                        + (s.message() == null || s.message().isBlank() ? "" : " — " + s.message()))
                .setStatus(status(s.verdict())).setStage(Stage.FINISHED)).toList();
        return new TestResult()
                .setUuid(UUID.randomUUID().toString())
                // the history of a case is kept per target: the same case against another server is another test
                .setHistoryId(UUID.nameUUIDFromBytes((target.target() + "|" + c.name()).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .setTestCaseId(c.name())
                .setName(c.name() + " — " + c.description())
                .setFullName(target.target() + " " + c.name())
                .setDescription(r.quote())
                .setStatus(status(c.verdict()))
                // "<id> (<LEVEL>) FAIL: ..." is what categories.json matches on
                .setStatusDetails(new StatusDetails().setMessage(r.id() + " (" + r.level().keyword() + ") "
                        + c.verdict().name() + ": " + (c.command() != null && c.got() != null
                        ? c.command() + " → " + c.got() + ". " : "") + c.detail()))
                .setStage(Stage.FINISHED)
                .setStart(start)
                .setStop(start + c.durationMillis())
                .setLabels(labels)
                .setLinks(List.of(new Link().setName(r.rfc() + " §" + r.section()).setUrl(r.link()).setType("link")))
                .setParameters(List.of(new Parameter().setName("target").setValue(target.target())))
                .setSteps(steps)
                .setAttachments(attachments);
    }

    /** PASS passes, FAIL fails, INCONCLUSIVE is broken (never a pass), NOT_APPLICABLE is skipped. */
    static Status status(Verdict verdict) {
        return switch (verdict) {
            case PASS -> Status.PASSED;
            case FAIL -> Status.FAILED;
            case INCONCLUSIVE -> Status.BROKEN;
            case NOT_APPLICABLE -> Status.SKIPPED;
        };
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }

    private static Attachment attach(FileSystemResultsWriter writer, String name, String content, String extension) {
        String source = UUID.randomUUID() + "-attachment" + extension;
        writer.write(source, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        return new Attachment().setName(name).setSource(source).setType(extension.equals(".pem")
                ? "application/x-pem-file" : TEXT);
    }

    /** The Allure suite of a target: the target itself, marked when it is the embedded reference server. */
    static String suiteName(Summary.TargetSummary target) {
        return target.embeddedServer() ? target.target() + " (embedded reference server)" : target.target();
    }

    static Properties environment(Summary summary) {
        Properties env = new Properties();
        env.setProperty("suite.version", summary.version());
        env.setProperty("run", Findings.size(summary, org.starttls.i18n.Language.EN));
        env.setProperty("gate", summary.gate().level() + ": " + summary.gate().exit() + " (exit code "
                + summary.gate().exitCode() + ")");
        boolean several = summary.targets().size() > 1;
        for (Summary.TargetSummary t : summary.targets()) {
            String suffix = several ? " [" + t.target() + "]" : "";
            env.setProperty("target" + suffix, t.target());
            env.setProperty("profile" + suffix, t.profile().propertyValue());
            Summary.Facts f = t.facts();
            if (f != null) {
                putIfPresent(env, "greeting" + suffix, f.banner());
                putIfPresent(env, "tls.protocol" + suffix, f.tlsProtocol());
                putIfPresent(env, "tls.cipher" + suffix, f.cipherSuite());
            }
        }
        return env;
    }

    private static void putIfPresent(Properties env, String key, String value) {
        if (value != null) {
            env.setProperty(key, value);
        }
    }

    /** The history key of a run: its targets and profiles; the embedded server counts as one target whatever its port. */
    static String historyKey(Summary summary) {
        String key = summary.targets().stream().map(t -> (t.embeddedServer() ? "embedded" : t.target()) + "_"
                + t.profile().propertyValue()).sorted().reduce((a, b) -> a + "+" + b).orElse("none");
        return key.replaceAll("[^A-Za-z0-9._+-]", "_");
    }

    private static void keepHistoryPerTarget(Summary summary, Path reportDir, Path results) throws IOException {
        Path store = reportDir.resolve(HISTORY_STORE);
        Path previousReport = reportDir.resolve(REPORT);
        Path lastKey = store.resolve(LAST_KEY);
        if (Files.isDirectory(previousReport.resolve("history")) && Files.isRegularFile(lastKey)) {
            Path kept = store.resolve(Files.readString(lastKey, StandardCharsets.UTF_8).strip());
            deleteTree(kept);
            copyHistory(previousReport.resolve("history"), kept);
        }
        String key = historyKey(summary);
        copyHistory(store.resolve(key), results.resolve("history"));
        Files.createDirectories(store);
        Files.writeString(lastKey, key, StandardCharsets.UTF_8);
        deleteTree(previousReport);
    }

    private static void copyHistory(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Deletes {@code dir} with everything in it, if it exists; links are deleted, not followed. The JDK has no one call
     * for it and nothing on this module's classpath does (no commons-io): a walk in reverse order, children first.
     */
    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
