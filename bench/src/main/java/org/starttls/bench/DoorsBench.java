package org.starttls.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.starttls.Suite;

/**
 * The doors end to end, each started as a user starts it: the command-line tool ({@code java -jar}), {@code mvn verify}
 * and the in-process run ({@code Suite.run} in this warm JVM) against the embedded reference server; and, against one
 * server, the tool's whole catalogue next to {@code swaks --tls} for one session and a default {@code testssl -t smtp}
 * scan, in alternating rounds so that all see the same machine load.
 */
final class DoorsBench {

    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    static final String C1 = "-XX:TieredStopAtLevel=1";
    private static final int ROUNDS = 5;
    private static final int MAVEN_RUNS = 3;
    private static final int SWAKS_SESSIONS = 15;
    private static final int TESTSSL_RUNS = 3;
    private static final long PROCESS_TIMEOUT_MINUTES = 10;

    private final Path jar;
    private final Path repository;
    private final Path work;

    DoorsBench(Path jar, Path repository, Path work) {
        this.jar = jar;
        this.repository = repository;
        this.work = work;
    }

    /** A process's wall time and exit code. */
    record Timed(long nanos, int exit) {
    }

    /** (e) against the embedded reference server: one row per door, the ratio to the in-process run. */
    String doors() throws IOException, InterruptedException {
        Samples inProcess = new Samples();
        Samples tool = new Samples();
        Samples toolC1 = new Samples();
        Samples launcher = new Samples();
        TreeSet<Integer> exits = new TreeSet<>();
        Path reports = work.resolve("doors");
        Path script = jar.resolveSibling("smtp-starttls");
        // the launcher's first run writes its class-data archive; the rounds measure the runs after it
        exits.add(run(work, "launcher.log", "sh", script.toString(), "--report-dir", reports.resolve("launcher").toString())
                .exit());
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            Suite.run(Map.of("smtp.report.dir", reports.resolve("in-process").toString()), SILENT);
            inProcess.add(System.nanoTime() - t0);
            exits.add(add(tool, run(work, "tool.log", "java", "-jar", jar.toString(), "--report-dir",
                    reports.resolve("tool").toString())));
            exits.add(add(toolC1, run(work, "tool-c1.log", "java", C1, "-jar", jar.toString(), "--report-dir",
                    reports.resolve("tool-c1").toString())));
            exits.add(add(launcher, run(work, "launcher.log", "sh", script.toString(), "--report-dir",
                    reports.resolve("launcher").toString())));
        }
        Samples maven = new Samples();
        run(repository, work.resolve("mvn-warm-up.log").toString(), "mvn", "-B", "-o", "-q", "verify");
        for (int i = 0; i < MAVEN_RUNS; i++) {
            exits.add(add(maven, run(repository, work.resolve("mvn.log").toString(), "mvn", "-B", "-o", "-q", "verify")));
        }
        double base = inProcess.medianMillis();
        return "| door | median wall | ratio to the in-process run |\n|---|---|---|\n"
                + row("in-process: `Suite.run` in a warm JVM (no target: embedded reference server)", inProcess, base)
                + row("command-line tool: `java -jar suite/target/smtp-starttls.jar`, JVM start included", tool, base)
                + row("command-line tool: `java " + C1 + " -jar suite/target/smtp-starttls.jar`", toolC1, base)
                + row("command-line tool: `sh suite/target/smtp-starttls` (the launcher: " + C1 + ", its AppCDS archive "
                        + "written by a run before)", launcher, base)
                + row("`mvn -B -o -q verify` in the repository, warm (nothing to compile)", maven, base)
                + "\nExit codes seen: " + exits + " (0 expected).\n";
    }

    /** (f) against {@code target}: the tool's whole catalogue, one swaks session, one testssl scan. */
    String versus(String target, Path caPem) throws IOException, InterruptedException {
        String host = target.substring(0, target.lastIndexOf(':'));
        String port = target.substring(target.lastIndexOf(':') + 1);
        Samples tool = new Samples();
        Samples swaks = new Samples();
        Samples testssl = new Samples();
        TreeSet<Integer> toolExits = new TreeSet<>();
        TreeSet<Integer> testsslExits = new TreeSet<>();
        boolean haveSwaks = installed("swaks");
        boolean haveTestssl = installed("testssl");
        for (int round = 0; round < Math.max(ROUNDS, TESTSSL_RUNS); round++) {
            if (round < ROUNDS) {
                toolExits.add(add(tool, run(work, "versus-tool.log", "java", C1, "-jar", jar.toString(), "--tls-trust",
                        caPem.toString(), "--report-dir", work.resolve("versus-tool").toString(), target)));
            }
            for (int i = 0; haveSwaks && round < ROUNDS && i < SWAKS_SESSIONS / ROUNDS; i++) {
                Timed t = run(work, "swaks.log", "swaks", "--server", host, "--port", port, "--tls", "--quit-after", "EHLO",
                        "--ehlo", SessionBench.HELO);
                if (t.exit() != 0) {
                    throw new IOException("swaks failed against " + target + "; see " + work.resolve("swaks.log"));
                }
                swaks.add(t.nanos());
            }
            if (haveTestssl && round < TESTSSL_RUNS) {
                testsslExits.add(add(testssl, run(work, "testssl.log", "testssl", "-t", "smtp", "--quiet", "--color", "0",
                        "--warnings", "batch", target)));
            }
        }
        double base = tool.medianMillis();
        StringBuilder table = new StringBuilder("| what | median wall | runs | tool / this |\n|---|---|---|---|\n");
        table.append(String.format(Locale.ROOT, "| the tool, whole catalogue (`java %s -jar smtp-starttls.jar --tls-trust CA %s`), "
                + "JVM start included | %.0f ms | %d | 1 |%n", C1, target, base, tool.count()));
        table.append(haveSwaks ? String.format(Locale.ROOT, "| `swaks --tls --quit-after EHLO`: one session (connect, EHLO, "
                + "STARTTLS, handshake, EHLO, QUIT), process start included | %.0f ms | %d | %.1f |%n", swaks.medianMillis(),
                swaks.count(), base / swaks.medianMillis()) : "| swaks | not installed | | |\n");
        table.append(haveTestssl ? String.format(Locale.ROOT, "| `testssl -t smtp %s` (testssl.sh, default checks) "
                + "| %.0f ms | %d | %.2f |%n", target, testssl.medianMillis(), testssl.count(),
                base / testssl.medianMillis()) : "| testssl.sh | not installed | | |\n");
        return table + "\nExit codes: the tool " + toolExits + ", testssl " + testsslExits + ".\n";
    }

    private static String row(String door, Samples samples, double base) {
        return String.format(Locale.ROOT, "| %s | %s | %.2f |%n", door, samples.describe(), samples.medianMillis() / base);
    }

    private static int add(Samples samples, Timed timed) {
        samples.add(timed.nanos());
        return timed.exit();
    }

    private static boolean installed(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    /** Runs a command in {@code directory}, output appended to {@code log}; its wall time and exit code. */
    private Timed run(Path directory, String log, String... command) throws IOException, InterruptedException {
        Path logFile = work.resolve(log);
        Files.createDirectories(logFile.getParent());
        List<String> words = new ArrayList<>(List.of(command));
        long t0 = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(words).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().put("STARTTLS_CACHE", work.resolve("launcher-cache").toString());
        Process p = builder.start();
        if (!p.waitFor(PROCESS_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end within " + PROCESS_TIMEOUT_MINUTES + " minutes");
        }
        return new Timed(System.nanoTime() - t0, p.exitValue());
    }
}
