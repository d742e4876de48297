package org.starttls.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
     * in the order the console lists them: the HTML first, for people.
     */
    public static List<Path> write(Summary summary, Path dir, String lang) throws IOException {
        Language language = Language.orEnglish(lang);
        Summary withLang = summary.lang() == null ? summary.withLang(language.tag()) : summary;
        List<Path> written = new ArrayList<>();
        written.add(HtmlSummary.write(withLang, language, dir));
        written.add(SummaryJson.write(withLang, dir));
        written.add(SarifReport.write(withLang, dir));
        written.add(JUnitXml.write(withLang, dir));
        AllureResults.write(withLang, dir);
        return written;
    }

    /**
     * The reports of the run in {@code dir} a person opens, as they are on disk: the HTML, summary.json, SARIF, JUnit
     * XML, and the Allure report only when it was generated from this run's results (it is removed when the results are
     * written, so one that exists is this run's).
     */
    public static List<Path> existing(Path dir, Summary summary) {
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
}
