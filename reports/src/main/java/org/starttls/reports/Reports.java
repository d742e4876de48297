package org.starttls.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;

/** Writes every report of a run from its summary, in one place for every door: JSON, HTML and the Allure results. */
public final class Reports {

    private Reports() {
    }

    /** Writes the reports into {@code dir}; returns the files a person opens first (summary.json, the HTML). */
    public static List<Path> write(Summary summary, Path dir, String lang) throws IOException {
        List<Path> written = new ArrayList<>();
        written.add(SummaryJson.write(summary, dir));
        written.add(HtmlSummary.write(summary, lang, dir));
        AllureResults.write(summary, dir);
        return written;
    }
}
