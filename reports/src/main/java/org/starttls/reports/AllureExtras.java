package org.starttls.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.stream.Stream;
import org.starttls.run.Summary;

/**
 * What Allure needs beside the test results before the report is generated: {@code categories.json} (MUST
 * violations, SHOULD deviations, INCONCLUSIVE, NOT_APPLICABLE), {@code environment.properties} (target, profile,
 * greeting, TLS, suite version) and the previous report's {@code history/}, so trends survive from run to run.
 */
public final class AllureExtras {

    public static final String RESULTS = "allure-results";
    public static final String REPORT = "allure-report";

    private AllureExtras() {
    }

    /** Writes into {@code reportDir/allure-results}; does nothing when the conformance run wrote no results. */
    public static boolean write(Summary summary, Path reportDir) throws IOException {
        Path results = reportDir.resolve(RESULTS);
        if (!Files.isDirectory(results)) {
            return false;
        }
        try (InputStream categories = AllureExtras.class.getResourceAsStream("/allure/categories.json")) {
            Files.copy(categories, results.resolve("categories.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        try (Writer out = Files.newBufferedWriter(results.resolve("environment.properties"), StandardCharsets.UTF_8)) {
            environment(summary).store(out, "SMTP STARTTLS conformance run");
        }
        copyHistory(reportDir.resolve(REPORT).resolve("history"), results.resolve("history"));
        return true;
    }

    static Properties environment(Summary summary) {
        Properties env = new Properties();
        env.setProperty("suite.version", summary.version());
        boolean several = summary.targets().size() > 1;
        for (Summary.TargetSummary t : summary.targets()) {
            String suffix = several ? " [" + t.target() + "]" : "";
            env.setProperty("target" + suffix, t.target());
            env.setProperty("profile" + suffix, t.profile());
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
}
