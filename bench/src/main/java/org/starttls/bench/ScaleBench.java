package org.starttls.bench;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.starttls.Suite;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ConnectionLog;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.run.ShardMerge;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * Many targets in one process (BENCHMARKS.md, "Many targets"): the whole catalogue against 10, 100 and 300 loopback
 * servers of a {@link ServerFarm} (another JVM), each a run of its own through {@link Suite#run} with the defaults;
 * wall time, peak heap, peak open file descriptors and peak threads of this JVM. Then the largest set as four shards,
 * merged, compared verdict by verdict with its single run. Last, the default politeness limits made explicit on
 * loopback (2 at once, 10 a minute) for one reference server under two names, as its own connection log saw them.
 *
 * <p>Arguments: a work directory, the report file, optionally the sizes (default 10 100 300).
 */
public final class ScaleBench {

    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    private static final Pattern SESSIONS = Pattern.compile("\\[smtp\\] (\\d+) sessions opened");
    private static final int SHARDS = 4;

    private ScaleBench() {
    }

    /** One measured run; {@code targets} is the size of the list it was given (a shard tests its part). */
    record Measured(String what, int targets, Duration wall, long peakHeapMiB, int peakFds, int peakThreads, long sessions,
                    Summary summary) {

        String row() {
            long unevaluated = summary.targets().stream().filter(t -> t.error() != null).count();
            return "| " + what + " | " + summary.targets().size() + " | " + seconds(wall) + " | " + peakHeapMiB + " MiB | " + peakFds + " | "
                    + peakThreads + " | " + sessions + " | " + verdicts() + " | " + unevaluated + " | "
                    + summary.gate().exitCode() + " |\n";
        }

        /** Requirement verdicts over all targets: {@code PASS 510, FAIL 31, NOT_APPLICABLE 80}. */
        String verdicts() {
            Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
            summary.targets().forEach(t -> t.counts().forEach((v, n) -> verdicts.merge(v, n, Long::sum)));
            return verdicts.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]);
        List<Integer> sizes = args.length > 2 ? Stream.of(args).skip(2).map(Integer::valueOf).toList() : List.of(10, 100, 300);
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        Files.createDirectories(work);
        Path ca = work.resolve("farm-ca.pem");
        StringBuilder report = new StringBuilder("### Machine\n\n").append(Benchmarks.Machine.describe()).append('\n');
        Process farm = new ProcessBuilder("java", "-Xmx4g", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                ServerFarm.class.getName(), String.valueOf(largest), ca.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            List<String> lines = targets(farm);
            List<Measured> runs = new ArrayList<>();
            run("warm-up (not counted)", lines.subList(0, 3), work.resolve("warm-up"), Map.of(), ca);
            for (int size : sizes) {
                runs.add(run("one run", lines.subList(0, size), work.resolve("run-" + size), Map.of(), ca));
                System.out.print(runs.get(runs.size() - 1).row());
            }
            List<Path> shardDirs = new ArrayList<>();
            for (int i = 1; i <= SHARDS; i++) {
                Path dir = work.resolve("shard-" + i);
                shardDirs.add(dir.resolve("report"));
                runs.add(run("shard " + i + "/" + SHARDS, lines.subList(0, largest), dir,
                        Map.of("smtp.shard", i + "/" + SHARDS), ca));
                System.out.print(runs.get(runs.size() - 1).row());
            }
            Summary single = runs.stream().filter(r -> r.targets() == largest && r.what().equals("one run")).findFirst()
                    .orElseThrow().summary();
            String comparison = compare(single, ShardMerge.merge(shardDirs), largest);
            String politeness = politeness(work);
            report.append("### Runs (defaults: loopback 4 sessions at once per port, no rate limit; smtp.timeout=5s)\n\n")
                    .append("| run | targets | wall | peak heap | peak open fds | peak threads | sessions | requirement "
                            + "verdicts | not evaluated | exit |\n|---|---|---|---|---|---|---|---|---|---|\n");
            runs.forEach(r -> report.append(r.row()));
            report.append('\n').append(comparison).append('\n').append(politeness)
                    .append("\nLoad average after the runs: ").append(Benchmarks.Machine.loadAverage()).append('\n');
        } finally {
            farm.getOutputStream().close();
            farm.waitFor();
        }
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /** The farm's targets-file lines, once it is ready. */
    private static List<String> targets(Process farm) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(farm.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.equals("ready"); line = in.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    private static Measured run(String what, List<String> targets, Path dir, Map<String, String> extra, Path ca)
            throws IOException {
        Files.createDirectories(dir);
        Path file = Files.write(dir.resolve("targets.txt"), targets);
        Map<String, String> settings = new HashMap<>(Map.of("smtp.targets.file", file.toString(),
                "smtp.tls.trust", ca.toString(), "smtp.tls.servername", "localhost",
                "smtp.auth.user", ServerOptions.DEFAULT_AUTH_USER, "smtp.auth.password", ServerOptions.DEFAULT_AUTH_PASSWORD,
                "smtp.report.dir", dir.resolve("report").toString()));
        settings.putAll(extra);
        return measure(what, targets.size(), () -> {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            Summary summary = Suite.run(settings, new PrintStream(console, true, StandardCharsets.UTF_8)).summary();
            return Map.entry(summary, console.toString(StandardCharsets.UTF_8));
        });
    }

    private static Measured measure(String what, int targets, Supplier<Map.Entry<Summary, String>> run) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        ManagementFactory.getThreadMXBean().resetPeakThreadCount();
        AtomicInteger peakFds = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peakFds.accumulateAndGet(openFds(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fd-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        Map.Entry<Summary, String> result = run.get();
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        sampling.set(false);
        peakFds.accumulateAndGet(openFds(), Math::max);
        // an upper bound: the pools' peaks need not coincide
        long peakHeap = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Matcher sessions = SESSIONS.matcher(result.getValue());
        return new Measured(what, targets, wall, peakHeap >> 20, peakFds.get(),
                ManagementFactory.getThreadMXBean().getPeakThreadCount(), sessions.find() ? Long.parseLong(sessions.group(1))
                : -1, result.getKey());
    }

    private static int openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The merged shards against the single run: every target's every requirement verdict, and the gate. */
    private static String compare(Summary single, Summary merged, int size) {
        Map<String, Verdict> one = verdicts(single);
        Map<String, Verdict> four = verdicts(merged);
        List<String> differences = new ArrayList<>();
        one.forEach((k, v) -> {
            if (four.get(k) != v) {
                differences.add(k + ": " + v + " in the single run, " + four.get(k) + " merged");
            }
        });
        four.keySet().stream().filter(k -> !one.containsKey(k)).forEach(k -> differences.add(k + ": only merged"));
        return "### " + SHARDS + " shards merged vs one run (" + size + " targets)\n\n" + one.size()
                + " target x requirement verdicts in the single run, " + four.size() + " merged; "
                + (differences.isEmpty() ? "all equal" : differences.size() + " differ: " + differences.stream().limit(10)
                .collect(Collectors.joining("; "))) + ". Exit code: single " + single.gate().exitCode() + ", merged "
                + merged.gate().exitCode() + ".\n";
    }

    private static Map<String, Verdict> verdicts(Summary summary) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (Summary.TargetSummary t : summary.targets()) {
            verdicts.put(t.key() + " (evaluated)", t.error() == null ? Verdict.PASS : Verdict.INCONCLUSIVE);
            t.results().forEach(r -> verdicts.put(t.key() + " " + r.id(), r.verdict()));
        }
        return verdicts;
    }

    /**
     * The default limits for other machines (2 at once, 10 a minute), given explicitly so that they apply on loopback,
     * for one reference server that two targets name ({@code 127.0.0.1:PORT}, {@code localhost:PORT}): what its own
     * connection log saw.
     */
    private static String politeness(Path work) throws IOException {
        TestPki pki = TestPki.create();
        Path ca = work.resolve("politeness-ca.pem");
        pki.writeCaPem(ca);
        ConnectionLog log = new ConnectionLog();
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.builder(pki.server()).behaviour(log).build())) {
            Measured m = measure("politeness", 2, () -> {
                ByteArrayOutputStream console = new ByteArrayOutputStream();
                Summary summary = Suite.run(Map.of("smtp.target", server.target() + ",localhost:" + server.port(),
                        "smtp.tls.trust", ca.toString(), "smtp.concurrency", "2", "smtp.rate", "10",
                        "smtp.report.dir", work.resolve("politeness").toString()),
                        new PrintStream(console, true, StandardCharsets.UTF_8)).summary();
                String text = console.toString(StandardCharsets.UTF_8);
                SILENT.print(text);
                return Map.entry(summary, text);
            });
            List<ConnectionLog.Connection> seen = log.connections();
            return "### Politeness seen by the server (smtp.concurrency=2, smtp.rate=10: the defaults for other machines)\n\n"
                    + "One reference server, two targets naming it (127.0.0.1 and localhost: one address), the whole "
                    + "catalogue: " + seen.size() + " connections from " + seen.stream().map(ConnectionLog.Connection::client)
                    .distinct().toList() + " in " + seconds(m.wall()) + "; at most " + ConnectionLog.maxConcurrent(seen)
                    + " open at once, at most " + ConnectionLog.maxStartsWithin(seen, Duration.ofSeconds(60))
                    + " accepted within any 60 s; accepted per minute from the first: "
                    + ConnectionLog.startsPer(seen, Duration.ofSeconds(60)) + ". Verdicts: " + m.verdicts()
                    + ", exit " + m.summary().gate().exitCode() + ".\n";
        }
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
