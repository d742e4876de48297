package org.starttls.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every hostile server and network fault of {@link HostileCases}, run in a separate JVM limited to a 64 MiB heap:
 * each run ends within its documented bound with a named reason and writes summary.json. The table of verdicts,
 * times and peak heaps goes to {@code target/robustness/hostile-servers.md}.
 */
class SmallHeapTest {

    private static final String HEAP = "-Xmx64m";

    @TestFactory
    Stream<DynamicTest> hostileServersUnderASmallHeap() throws Exception {
        Path out = Paths.get("target", "robustness").toAbsolutePath();
        Files.createDirectories(out);
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", classpath(), HostileRuns.class.getName(), out.resolve("runs").toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("hostile-runs.log").toFile()).start();
        boolean ended = java.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            java.destroyForcibly();
        }
        List<String> log = Files.readAllLines(out.resolve("hostile-runs.log"), StandardCharsets.UTF_8);
        List<String[]> rows = log.stream().filter(l -> l.startsWith(HostileRuns.ROW))
                .map(l -> l.substring(HostileRuns.ROW.length()).split("\\|", -1)).toList();
        writeTable(out.resolve("hostile-servers.md"), rows);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("the " + HEAP + " JVM ends normally", () -> {
            assertThat(ended).as("the hostile runs ended within 5 minutes").isTrue();
            assertThat(rows).as("one row per hostile case; log:\n" + String.join("\n", log)).hasSize(HostileCases.all().size());
        }));
        for (String[] row : rows) {
            tests.add(dynamicTest(row[0] + " -> " + row[1], () -> {
                assertThat(row[7]).as("%s (%s ms, limit %s ms)", row[0], row[2], row[5]).isEqualTo("ok");
                assertThat(row[6]).as("summary.json of " + row[0]).isNotEqualTo("-");
            }));
        }
        return tests.stream();
    }

    /** Surefire's own class path when forked with a manifest-only jar, else this JVM's. */
    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static void writeTable(Path file, List<String[]> rows) throws IOException {
        StringBuilder md = new StringBuilder("| hostile case | verdict | time (ms) | peak heap (KiB) | bound | limit incl. slack (ms) |\n"
                + "|---|---|---|---|---|---|\n");
        for (String[] r : rows) {
            md.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" | ").append(r[3])
                    .append(" | ").append(r[4]).append(" | ").append(r[5]).append(" |\n");
        }
        Files.writeString(file, md.toString());
    }
}
