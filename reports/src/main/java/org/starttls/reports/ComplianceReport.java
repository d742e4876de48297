package org.starttls.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.starttls.run.Summary;
import org.starttls.run.SummaryBuilder;

/**
 * Runs after the conformance run and before the Allure report is generated: writes the HTML summary next to
 * summary.json and adds categories, environment and history to the Allure results. Arguments: the report directory
 * and the language ({@code en} or {@code de}). Without a summary.json it does nothing; the gate reports that.
 */
public final class ComplianceReport {

    private ComplianceReport() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String lang = args.length > 1 ? args[1] : "en";
        Path file = dir.resolve(SummaryBuilder.FILE_NAME);
        if (Files.isRegularFile(file)) {
            write(SummaryBuilder.read(file), dir, lang);
        }
    }

    static Path write(Summary summary, Path dir, String lang) throws IOException {
        AllureExtras.write(summary, dir);
        return HtmlSummary.write(summary, lang, dir);
    }
}
