package org.starttls.reports;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.starttls.i18n.Language;
import org.starttls.summary.Summary;

/** The self-contained HTML compliance summary: one file, inline CSS and JS, no network, opens from disk. */
public final class HtmlSummary {

    public static final String FILE_NAME = "compliance-report.html";

    private static final Mustache TEMPLATE = new DefaultMustacheFactory("report").compile("compliance-report.mustache");

    private HtmlSummary() {
    }

    /** Writes the summary next to summary.json in {@code dir}; returns its path. */
    public static Path write(Summary summary, Language language, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            TEMPLATE.execute(out, ReportModel.of(summary, language));
        }
        return file;
    }

    /** {@link #write(Summary, Language, Path)} with the language as {@code smtp.report.lang} writes it. */
    public static Path write(Summary summary, String lang, Path dir) throws IOException {
        return write(summary, Language.parse(lang), dir);
    }
}
