package org.starttls.reports;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.starttls.summary.Summary;

/** The self-contained HTML compliance summary: one file, inline CSS and JS, no network, opens from disk. */
public final class HtmlSummary {

    public static final String FILE_NAME = "compliance-report.html";
    /** Languages with a message bundle; the RFC quotes stay English in all of them. */
    public static final Set<String> LANGUAGES = Set.of("en", "de");

    private static final Mustache TEMPLATE = new DefaultMustacheFactory("report").compile("compliance-report.mustache");

    private HtmlSummary() {
    }

    /** Writes the summary next to summary.json in {@code dir}; returns its path. */
    public static Path write(Summary summary, String lang, Path dir) throws IOException {
        if (!LANGUAGES.contains(lang)) {
            throw new IllegalArgumentException("smtp.report.lang='" + lang + "' is not a report language; write en or de");
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            TEMPLATE.execute(out, ReportModel.of(summary, lang));
        }
        return file;
    }
}
