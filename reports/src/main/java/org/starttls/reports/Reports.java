package org.starttls.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.starttls.i18n.Language;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;

/**
 * Writes every report of a run from its summary, in one place for every door: summary.json, the HTML summary, SARIF,
 * JUnit XML and the Allure results.
 */
public final class Reports {

    private Reports() {
    }

    /**
     * Writes the reports into {@code dir} in {@code lang} ({@code en} or {@code de}; summary.json, SARIF and JUnit XML
     * are for tools and stay English, with the German texts beside the English ones in summary.json); returns the files
     * in the order the console lists them: the HTML first, for people. The HTML and the Allure results are written on
     * threads of their own meanwhile: in a fresh JVM most of their time is the writers' own start (the
     * template, a JSON mapper each), and the Allure results, the slowest, then add nothing to the others.
     */
    public static List<Path> write(Summary summary, Path dir, String lang) throws IOException {
        Language language = Language.orEnglish(lang);
        Summary withLang = summary.lang() == null ? summary.withLang(language.tag()) : summary;
        FutureTask<Path> html = start("smtp-report-html", () -> HtmlSummary.write(withLang, language, dir));
        FutureTask<Path> allure = start("smtp-report-allure", () -> AllureResults.write(withLang, dir));
        Path json = SummaryJson.write(withLang, dir);
        Path sarif = SarifReport.write(withLang, dir);
        Path junit = JUnitXml.write(withLang, dir);
        List<Path> written = new ArrayList<>(List.of(join(html), json, sarif, junit));
        join(allure);
        return written;
    }

    /**
     * The reports of the run in {@code dir} a person opens, as they are on disk: the HTML, summary.json, SARIF, JUnit
     * XML, and the Allure report only when it was generated from this run's results (it is removed when the results are
     * written, so one that exists is this run's).
     */
    public static List<Path> existing(Path dir) {
        List<Path> reports = new ArrayList<>();
        for (Path p : List.of(dir.resolve(HtmlSummary.FILE_NAME), dir.resolve(SummaryJson.FILE_NAME),
                dir.resolve(SarifReport.FILE_NAME), dir.resolve(JUnitXml.FILE_NAME),
                dir.resolve(AllureResults.REPORT).resolve("index.html"))) {
            if (Files.exists(p)) {
                reports.add(p);
            }
        }
        return reports;
    }

    private static FutureTask<Path> start(String name, Callable<Path> writer) {
        FutureTask<Path> task = new FutureTask<>(writer);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    private static Path join(FutureTask<Path> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the reports were written", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
