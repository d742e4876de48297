package org.starttls.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.starttls.RunResult;
import org.starttls.Suite;
import org.starttls.config.ConfigException;
import org.starttls.config.SuiteConfig;
import org.starttls.reports.ComplianceGate;
import org.starttls.run.ShardMerge;
import org.starttls.summary.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code merge OUT_DIR SHARD_DIR...}: the report folders of all shards of one run ({@code smtp.shard=i/n}) become one
 * report in OUT_DIR (summary.json, the HTML summary, Allure results and the other reports, all written from the merged
 * summary), and the gate is applied once over everything: the exit code is the whole run's.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merges the report folders of the shards of one run (smtp.shard=i/n) into one report in OUT_DIR "
                + "and applies the gate once: exits 0, 1 or 2 as the unsharded run would, 3 when the folders are not "
                + "the complete shards of one run (a shard missing or given twice, other settings or versions)."})
final class MergeCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "OUT_DIR", description = "where the merged reports go")
    Path out;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SHARD_DIR", description = "the report folder of each shard")
    List<Path> shards;

    @Option(names = "--report-lang", paramLabel = "en|de", description = "language of the HTML summary; default "
            + "smtp.report.lang, else en")
    String reportLang;

    @Override
    public Integer call() throws IOException {
        Path outDir = out.toAbsolutePath().normalize();
        String requested = Optional.ofNullable(reportLang)
                .or(() -> Optional.ofNullable(SuiteConfig.settingsFromEnvironment().get("smtp.report.lang"))).orElse("en");
        for (Path shard : shards) {
            if (Files.exists(shard) && Files.exists(outDir) && Files.isSameFile(shard, outDir)) {
                // a refusal written there would replace the shard's own summary.json
                return Main.refusedWithoutReport(main.out, out + " is also a shard folder; write the merged report "
                        + "into a folder of its own");
            }
        }
        RunResult result;
        try {
            String lang = SuiteConfig.reportLang(requested);
            Summary merged = ShardMerge.merge(shards);
            result = Suite.report(merged, outDir, lang);
            main.out.println("[smtp] merged " + shards.size() + " shard" + (shards.size() == 1 ? "" : "s") + ": "
                    + merged.targets().size() + " targets" + (merged.domains() == null ? ""
                    : ", " + merged.domains().size() + " domains") + "; reports written to " + outDir);
        } catch (ShardMerge.Refused | ConfigException e) {
            result = Suite.refuse(outDir, e.getMessage());
        }
        return ComplianceGate.print(result.summary(), result.reports(), main.out);
    }
}
