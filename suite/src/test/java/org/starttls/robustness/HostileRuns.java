package org.starttls.robustness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.robustness.HostileCases.HostileCase;
import org.starttls.robustness.HostileCases.Started;

/**
 * Runs every hostile case one after the other in this JVM and prints one {@code ROW|...} line per case: verdict,
 * time, peak heap. Started by {@link SmallHeapTest} in a JVM with {@code -Xmx64m}; exits 1 if any case misbehaved.
 */
public final class HostileRuns {

    static final String ROW = "ROW|";

    private HostileRuns() {
    }

    public static void main(String[] args) throws Exception {
        Path reportRoot = Path.of(args[0]);
        TestPki pki = TestPki.create();
        Path caPem = reportRoot.resolve("ca.pem");
        Files.createDirectories(reportRoot);
        pki.writeCaPem(caPem);
        List<HostileCase> cases = HostileCases.all();
        // an untimed first run, so that class loading and JIT warm-up do not count against the first case's bound
        Started warmUp = cases.get(0).setup().start(pki, caPem);
        try (AutoCloseable server = warmUp.server()) {
            Map<String, String> props = new HashMap<>(warmUp.properties());
            props.put("smtp.report.dir", reportRoot.resolve("warm-up").toString());
            RunHarness.run(props, warmUp.cases());
        }
        boolean allGood = true;
        for (int i = 0; i < cases.size(); i++) {
            HostileCase c = cases.get(i);
            System.gc();
            resetPeaks();
            String problem;
            String verdict = "";
            long millis = 0;
            Path summary = reportRoot.resolve("case-" + i).resolve("summary.json");
            Started started = c.setup().start(pki, caPem);
            try (AutoCloseable server = started.server()) {
                Map<String, String> props = new HashMap<>(started.properties());
                props.put("smtp.timeout", HostileCases.T.toMillis() + "ms");
                props.put("smtp.report.dir", summary.getParent().toString());
                RunHarness.Outcome outcome = RunHarness.run(props, started.cases());
                millis = outcome.elapsed().toMillis();
                verdict = describe(outcome);
                problem = c.check().apply(outcome.target());
                if (problem == null && outcome.elapsed().compareTo(c.limit()) > 0) {
                    problem = "took " + millis + " ms, more than the bound " + c.limit().toMillis() + " ms";
                }
            } catch (RuntimeException e) {
                problem = "the run threw " + e;
            }
            allGood &= problem == null;
            System.out.println(ROW + String.join("|", c.name(), verdict.replace('|', '/'),
                    Long.toString(millis), Long.toString(peakHeapKiB()), c.bound(), Long.toString(c.limit().toMillis()),
                    Files.exists(summary) ? summary.toString() : "-", problem == null ? "ok" : problem.replace('|', '/')));
        }
        System.exit(allGood ? 0 : 1);
    }

    private static String describe(RunHarness.Outcome outcome) {
        var t = outcome.target();
        String counts = t.counts().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("no cases");
        String error = t.error() == null ? "" : "; " + (t.error().length() > 140 ? t.error().substring(0, 137) + "..." : t.error());
        return counts + error;
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the heap the case needed. */
    private static long peakHeapKiB() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1024;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
