package org.starttls.junit;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.starttls.catalogue.Requirement;
import org.starttls.run.CaseResult;
import org.starttls.run.ConformanceCase;
import org.starttls.run.TargetFacts;
import org.starttls.run.TargetRun;

/**
 * Turns running targets into JUnit dynamic tests grouped target → RFC → section → requirement, so Surefire XML,
 * IDEs and Allure see one test per case. Each test waits for its case's verdict and reports it faithfully:
 * PASS passes, FAIL fails, INCONCLUSIVE errors, NOT_APPLICABLE is skipped.
 */
public final class ConformanceTests {

    private ConformanceTests() {
    }

    /**
     * With several targets each test name ends in {@code @ host:port}: Surefire's XML keeps only the test's own name,
     * and CI tools would otherwise merge the targets' results.
     */
    public static Stream<DynamicNode> of(List<TargetRun> runs) {
        return runs.stream().map(run -> {
            String at = runs.size() > 1 ? " @ " + run.target() : "";
            return dynamicContainer(run.target().toString(), Stream.concat(Stream.of(probe(run, at)), sections(run, at)));
        });
    }

    private static Stream<DynamicNode> sections(TargetRun run, String at) {
        Map<String, Map<String, Map<Requirement, List<ConformanceCase>>>> tree = new LinkedHashMap<>();
        for (ConformanceCase c : run.results().keySet()) {
            Requirement r = c.requirement();
            tree.computeIfAbsent(r.rfcName(), k -> new LinkedHashMap<>())
                    .computeIfAbsent("§" + r.section() + " " + r.sectionTitle(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r, k -> new ArrayList<>()).add(c);
        }
        return tree.entrySet().stream().map(rfc -> dynamicContainer(rfc.getKey(),
                rfc.getValue().entrySet().stream().map(section -> dynamicContainer(section.getKey(),
                        section.getValue().entrySet().stream().map(req -> requirement(run, at, req.getKey(), req.getValue()))))));
    }

    private static DynamicNode requirement(TargetRun run, String at, Requirement r, List<ConformanceCase> cases) {
        String name = r.id() + " — " + r.title();
        if (cases.size() == 1) {
            return test(name + at, cases.get(0), run);
        }
        return dynamicContainer(name, cases.stream().map(c -> test(c.name() + " — " + c.description() + at, c, run)));
    }

    /** The probe's verdict on the target: the one failure to read when the target cannot be evaluated at all. */
    private static DynamicNode probe(TargetRun run, String at) {
        return dynamicTest("probe: greeting, EHLO, STARTTLS" + at, () -> {
            TargetFacts facts = run.facts().join();
            if (facts.problem().isPresent()) {
                throw new InconclusiveException(facts.problem().get() + "\n" + facts.transcript());
            }
        });
    }

    private static DynamicNode test(String name, ConformanceCase c, TargetRun run) {
        URI source = c.sourceUri().orElse(null);
        CompletableFuture<CaseResult> result = run.results().get(c);
        return dynamicTest(name, source, () -> {
            TargetFacts facts = run.facts().join();
            if (!facts.reachable()) {
                // one failure (the probe) says why; the cases were never run
                throw new TestAbortedException("not run: " + facts.problem().orElse("target not reachable"));
            }
            CaseResult r = result.join();
            AllureEvidence.record(run.target().toString(), r);
            System.out.println(progressLine(run.target().toString(), r));
            report(r);
        });
    }

    /** One short line per finished case, e.g. {@code [smtp] FAIL  MUST NOT  RFC3207-4.2-...  127.0.0.1:2525  41 ms}. */
    static String progressLine(String target, CaseResult r) {
        return String.format("[smtp] %-14s %-10s %-48s %s  %d ms", r.verdict(), r.requirement().level().keyword(),
                r.caseName(), target, r.duration().toMillis());
    }

    /**
     * Maps the verdict onto the test outcome. The message stays one sentence so the console stays short; the
     * transcript is in the Allure attachment, the HTML summary and summary.json.
     */
    static void report(CaseResult r) {
        switch (r.verdict()) {
            case PASS -> {
            }
            case FAIL -> throw new AssertionFailedError(r.requirement().id() + " (" + r.requirement().level().keyword()
                    + ") FAIL: " + r.detail());
            case INCONCLUSIVE -> throw new InconclusiveException(r.requirement().id() + " INCONCLUSIVE: " + r.detail());
            case NOT_APPLICABLE -> throw new TestAbortedException(r.requirement().id() + " NOT_APPLICABLE: " + r.detail());
        }
    }
}
