package org.starttls.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.starttls.Suite;
import org.starttls.cases.ConformanceCase;
import org.starttls.config.SuiteConfig;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * The whole catalogue against one target in-process, configured as {@code mvn verify -Dsmtp.target=...} with the
 * defaults, through the engine's entry point, timed from the call to the written reports. Next to the wall time: the sum of the cases' own
 * durations (what a serial run would cost) and the sum of their quiet periods (the waiting no engine can avoid).
 */
final class CatalogueBench {

    /** SmtpSession's transcript event for a quiet period, e.g. "quiet 1s: nothing arrived". */
    private static final Pattern QUIET = Pattern.compile("\\*\\*\\* quiet (\\d+(?:\\.\\d+)?)(ms|s): ");
    private static final Pattern CONNECT = Pattern.compile("\\*\\*\\* connecting to ");
    /** The last line of a 4xx/5xx reply: a refused command, which Postfix counts against its error limits. */
    private static final Pattern ERROR_REPLY = Pattern.compile("<<< [45]\\d\\d(?: |$)");
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    private final String target;
    private final Path caPem;
    private final Path reportDir;
    private final List<ConformanceCase> cases;

    CatalogueBench(String target, Path caPem, Path reportDir, List<ConformanceCase> cases) {
        this.target = target;
        this.caPem = caPem;
        this.reportDir = reportDir;
        this.cases = cases;
    }

    record Result(Duration wall, Duration sumOfCases, Duration sumOfQuiet, int sessions, int maxErrorsPerSession,
                  Map<Verdict, Long> verdicts, long peakHeapBytes) {

        String row(String label) {
            return String.format(Locale.ROOT, "| %s | %d ms | %d ms | %.1f | %d ms | %d | %d | %d MiB | %s |", label,
                    wall.toMillis(), sumOfCases.toMillis(), (double) sumOfCases.toMillis() / Math.max(1, wall.toMillis()),
                    sumOfQuiet.toMillis(), sessions, maxErrorsPerSession, peakHeapBytes >> 20, verdicts.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        }
    }

    Result run() {
        SuiteConfig config = SuiteConfig.from(Map.of("smtp.target", target, "smtp.tls.trust", caPem.toString(),
                "smtp.report.dir", reportDir.toString()));
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        List<Summary.CaseSummary> results = Suite.run(config, cases, SILENT).summary().targets().get(0).results().stream()
                .flatMap(r -> r.cases().stream()).toList();
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        // an upper bound: the pools' peaks need not coincide
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Duration sumOfCases = Duration.ofMillis(results.stream().mapToLong(Summary.CaseSummary::durationMillis).sum());
        Duration sumOfQuiet = Duration.ZERO;
        int sessions = 0;
        int maxErrors = 0;
        for (Summary.CaseSummary r : results) {
            sumOfQuiet = sumOfQuiet.plus(quietIn(r.transcript()));
            // one transcript may hold several sessions; each starts with "connecting to"
            for (String session : CONNECT.split(r.transcript())) {
                if (session.isBlank()) {
                    continue;
                }
                sessions++;
                maxErrors = Math.max(maxErrors, (int) ERROR_REPLY.matcher(session).results().count());
            }
        }
        Map<Verdict, Long> verdicts = results.stream().collect(Collectors.groupingBy(Summary.CaseSummary::verdict,
                () -> new EnumMap<>(Verdict.class), Collectors.counting()));
        return new Result(wall, sumOfCases, sumOfQuiet, sessions, maxErrors, verdicts, peak);
    }

    private static Duration quietIn(String transcript) {
        Duration sum = Duration.ZERO;
        Matcher m = QUIET.matcher(transcript);
        while (m.find()) {
            double amount = Double.parseDouble(m.group(1));
            sum = sum.plusMillis((long) (m.group(2).equals("s") ? amount * 1000 : amount));
        }
        return sum;
    }
}
