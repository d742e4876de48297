package org.starttls.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.starttls.cases.ConformanceCase;
import org.starttls.checks.CheckLibrary;
import org.starttls.client.SmtpClient;
import org.starttls.client.Target;
import org.starttls.config.SuiteConfig;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.postfix.PostfixInstallation;
import org.starttls.fixtures.postfix.PostfixListener;
import org.starttls.fixtures.postfix.PrivatePostfix;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;

/**
 * The benchmarks of BENCHMARKS.md against the embedded reference server and, when Postfix is installed and we are
 * root, a private Postfix on loopback. Prints a Markdown report and writes it to the given file.
 *
 * <p>Arguments: a work directory, the report file, the runnable jar, the repository's root directory.
 */
public final class Benchmarks {

    private static final int CATALOGUE_RUNS = 4;

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]);
        DoorsBench doors = new DoorsBench(Path.of(args[2]).toAbsolutePath(), Path.of(args[3]).toAbsolutePath(),
                work.resolve("doors"));
        Files.createDirectories(work);
        List<ConformanceCase> cases = CheckLibrary.cases();

        TestPki pki = TestPki.create();
        Path caPem = work.resolve("ca.pem");
        pki.writeCaPem(caPem);
        StringBuilder report = new StringBuilder();
        report.append("## Machine\n\n").append(Machine.describe()).append("\n");
        try (ReferenceServer reference = ReferenceServer.start(ServerOptions.builder(pki.server()).build());
             Closer postfix = startPostfix(work, pki)) {
            Map<String, String> targets = new LinkedHashMap<>();
            targets.put("reference server", reference.target());
            Path postfixCa = caPem;
            if (postfix.value().isPresent()) {
                PrivatePostfix p = postfix.value().get();
                targets.put("Postfix " + p.version(), p.target("bench"));
                postfixCa = p.caCertificate();
            } else {
                report.append("Postfix: not measured (").append(postfix.why()).append(")\n\n");
            }
            report.append("## (a) One session: engine vs openssl s_client (median per session, JVM warm)\n\n")
                    .append("| server | engine | openssl s_client | engine / openssl | engine's phases (median ms) |\n")
                    .append("|---|---|---|---|---|\n");
            for (Map.Entry<String, String> t : targets.entrySet()) {
                Path ca = t.getKey().startsWith("Postfix") ? postfixCa : caPem;
                SuiteConfig config = SuiteConfig.from(Map.of("smtp.target", t.getValue(), "smtp.tls.trust", ca.toString()));
                try (SmtpClient client = new SmtpClient(config.clientSettings())) {
                    report.append(new SessionBench(client, Target.parse(t.getValue()), ca).run().row(t.getKey())).append('\n');
                }
                System.out.println("session benchmark done: " + t.getKey());
            }
            report.append("\n## (b, d) The whole catalogue in-process (").append(cases.size()).append(" cases, defaults: ")
                    .append("smtp.concurrency=4, smtp.timeout=5s; run 1 is the JVM's first)\n\n")
                    .append("| server, run | wall | sum of case durations | overlap (sum / wall) | sum of quiet periods "
                            + "| sessions | most refused commands in one session | peak heap | verdicts |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            for (Map.Entry<String, String> t : targets.entrySet()) {
                Path ca = t.getKey().startsWith("Postfix") ? postfixCa : caPem;
                CatalogueBench bench = new CatalogueBench(t.getValue(), ca, work.resolve("report"), cases);
                for (int i = 1; i <= CATALOGUE_RUNS; i++) {
                    report.append(bench.run().row(t.getKey() + ", run " + i)).append('\n');
                }
                System.out.println("catalogue benchmark done: " + t.getKey());
            }
            report.append("\n## (e) The doors end to end against the embedded reference server\n\n")
                    .append(doors.doors());
            System.out.println("doors benchmark done");
            if (postfix.value().isPresent()) {
                PrivatePostfix p = postfix.value().get();
                report.append("\n## (f) Against Postfix ").append(p.version()).append(": the tool vs swaks vs testssl.sh\n\n")
                        .append(doors.versus(p.target("bench"), p.caCertificate()));
                System.out.println("tool vs swaks vs testssl done");
                report.append("\n").append(PostfixLog.describe(p.maillog())).append('\n');
            }
        }
        report.append("\nLoad average after the run: ").append(Machine.loadAverage()).append('\n');
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("written to " + out);
    }

    private static Closer startPostfix(Path work, TestPki pki) throws IOException {
        Optional<PostfixInstallation> installation = PostfixInstallation.find();
        if (installation.isEmpty()) {
            return Closer.absent("Postfix is not installed");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Closer.absent("a private Postfix needs root");
        }
        return Closer.present(PrivatePostfix.start(installation.get(), work.resolve("postfix"), pki,
                List.of(new PostfixListener("bench", Map.of()))));
    }

    /** The private Postfix, if it could be started, closed with the reference server. */
    private record Closer(Optional<PrivatePostfix> value, String why) implements AutoCloseable {
        static Closer present(PrivatePostfix postfix) {
            return new Closer(Optional.of(postfix), "");
        }

        static Closer absent(String why) {
            return new Closer(Optional.empty(), why);
        }

        @Override
        public void close() throws IOException {
            if (value.isPresent()) {
                value.get().close();
            }
        }
    }

    /** nproc, load and versions: the machine is shared, so every figure needs its context. */
    static final class Machine {
        private Machine() {
        }

        static String describe() throws IOException, InterruptedException {
            return "- cores (nproc): " + Runtime.getRuntime().availableProcessors() + "\n"
                    + "- load average (1, 5, 15 min) at the start: " + loadAverage() + "\n"
                    + "- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                    + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, " + ManagementFactory
                    .getRuntimeMXBean().getInputArguments() + "\n"
                    + "- openssl: " + command("openssl", "version") + "\n"
                    + "- swaks: " + command("sh", "-c", "swaks --version 2>&1 | head -1 || echo not installed") + "\n"
                    + "- testssl.sh: " + command("sh", "-c", "dpkg-query -W -f '${Version}' testssl.sh 2>/dev/null || echo not installed") + "\n";
        }

        static String loadAverage() throws IOException {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        }

        private static String command(String... command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return output;
        }
    }

    /** What Postfix logged about our sessions: its error limits must never have been reached. */
    static final class PostfixLog {
        private PostfixLog() {
        }

        static String describe(Path maillog) throws IOException {
            if (!Files.exists(maillog)) {
                return "Postfix log: " + maillog + " not found";
            }
            List<String> lines = Files.readAllLines(maillog, StandardCharsets.UTF_8);
            long tooMany = lines.stream().filter(l -> l.contains("too many errors")).count();
            long connects = lines.stream().filter(l -> l.contains(": connect from")).count();
            return "Postfix log (" + maillog + "): " + connects + " connections, " + tooMany
                    + " lines with \"too many errors\".";
        }
    }
}
