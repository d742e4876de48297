package org.starttls.many;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.cli.Main;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Gate;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;

/** {@code merge OUT_DIR SHARD_DIR...} refuses what is not the complete set of shards of one run, in one sentence, exit 3. */
class MergeRefusalsTest {

    @TempDir
    Path dir;

    private static Summary shard(String shard, String version, Map<String, String> settings, ExitCode exit) {
        return new Summary("smtp-starttls-conformance", version, "2026-01-01T00:00:00Z", List.of(),
                new Summary.GateResult(Gate.MUST, exit == ExitCode.PASSED, exit, exit == ExitCode.PASSED ? List.of()
                        : List.of("smtp.gate: unknown gate 'MAYBE'")), null, null, shard, "sha256:" + settings.hashCode(),
                new TreeMap<>(settings), null);
    }

    private static Summary shard(String shard) {
        return shard(shard, "1.0", Map.of("smtp.gate", "MUST", "smtp.mx", "example.org"), ExitCode.PASSED);
    }

    private Path folder(String name, Summary summary) throws Exception {
        Path folder = dir.resolve(name);
        SummaryJson.write(summary, folder);
        return folder;
    }

    private String refusal(Path... shards) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = Stream.concat(Stream.of("merge", dir.resolve("out").toString()),
                Stream.of(shards).map(Path::toString)).toArray(String[]::new);
        int exit = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), args);
        assertThat(exit).isEqualTo(ExitCode.CONFIGURATION_ERROR.code());
        assertThat(dir.resolve("out").resolve(SummaryJson.FILE_NAME)).as("a refused merge leaves its reason for the gate")
                .exists();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("[smtp] CONFIGURATION ERROR: ");
        return printed.substring(printed.indexOf("[smtp] CONFIGURATION ERROR: ") + 28).lines().findFirst().orElseThrow();
    }

    @Test
    void aMissingShardIsNamed() throws Exception {
        assertThat(refusal(folder("s1", shard("1/3")), folder("s3", shard("3/3"))))
                .isEqualTo("shard 2/3 is missing; give the report folders of all 3 shards");
    }

    @Test
    void aShardGivenTwiceIsNamed() throws Exception {
        Path one = folder("s1", shard("1/2"));
        Path again = folder("copy-of-s1", shard("1/2"));
        assertThat(refusal(one, again)).isEqualTo(one + " and " + again + " are both shard 1/2; give each shard once");
    }

    @Test
    void shardsOfDifferentCountsAreNotOneRun() throws Exception {
        Path a = folder("a", shard("1/2"));
        Path b = folder("b", shard("2/3"));
        assertThat(refusal(a, b)).isEqualTo(b + " is shard 2/3 but " + a + " is shard 1/2; give the shards of one run");
    }

    @Test
    void otherSettingsAreNamedSettingBySetting() throws Exception {
        Path a = folder("a", shard("1/2"));
        Path b = folder("b", shard("2/2", "1.0", Map.of("smtp.gate", "SHOULD", "smtp.mx", "example.org",
                "smtp.select", "RFC3207-*"), ExitCode.PASSED));
        assertThat(refusal(a, b)).isEqualTo("shard 2/2 (" + b + ") was run with other settings than shard 1/2 (" + a
                + "): smtp.gate=MUST vs SHOULD, smtp.select=(not set) vs RFC3207-*; run every shard with the same settings");
    }

    @Test
    void anotherVersionIsRefused() throws Exception {
        Path a = folder("a", shard("1/2"));
        Path b = folder("b", shard("2/2", "1.1", Map.of("smtp.gate", "MUST", "smtp.mx", "example.org"), ExitCode.PASSED));
        assertThat(refusal(a, b)).startsWith("shard 2/2 (" + b + ") was written by version 1.1 of the suite, shard 1/2");
    }

    @Test
    void aRunThatWasNotShardedOrDidNotRunOrIsNotThereIsRefused() throws Exception {
        Path unsharded = folder("unsharded", shard(null));
        assertThat(refusal(unsharded)).isEqualTo(unsharded + " holds the report of a run that was not sharded; give the "
                + "folders of runs with smtp.shard=i/n");
        Path refused = folder("refused", shard("1/1", "1.0", Map.of(), ExitCode.CONFIGURATION_ERROR));
        assertThat(refusal(refused)).isEqualTo("the run in " + refused + " was refused before any connection "
                + "(smtp.gate: unknown gate 'MAYBE'); fix it and run that shard again");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(refusal(empty)).isEqualTo(empty + " has no summary.json; give the report folder (smtp.report.dir) of "
                + "each shard");
    }

    @Test
    void theMergedReportGoesIntoAFolderOfItsOwnAndTheShardIsLeftAsItWas() throws Exception {
        Path out = folder("out", shard("1/1"));
        byte[] shardSummary = Files.readAllBytes(out.resolve(SummaryJson.FILE_NAME));

        assertThat(refusal(out)).isEqualTo(out + " is also a shard folder; write the merged report into a folder of its own");
        assertThat(out.resolve(SummaryJson.FILE_NAME)).as("the shard's own summary").hasBinaryContent(shardSummary);
    }

    /** Shards that found nothing to test merge into an empty report that passes. */
    @Test
    void emptyShardsMergeIntoAPassingEmptyReport() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), "merge", dir.resolve("out").toString(),
                folder("s1", shard("1/2")).toString(), folder("s2", shard("2/2")).toString());

        assertThat(exit).isZero();
        Summary merged = SummaryJson.read(dir.resolve("out").resolve(SummaryJson.FILE_NAME));
        assertThat(merged.targets()).isEmpty();
        assertThat(merged.gate().passed()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[smtp] merged 2 shards: 0 targets");
        // green everywhere, as the gate: no error test case, no error notification
        assertThat(Files.readString(dir.resolve("out").resolve("TEST-smtp-starttls.xml"))).doesNotContain("<error");
        assertThat(Files.readString(dir.resolve("out").resolve("results.sarif"))).doesNotContain("\"error\"");
    }
}
