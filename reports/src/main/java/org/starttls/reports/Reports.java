package org.starttls.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;

/** Writes every report of a run from its summary, in one place for every door: JSON, HTML and the Allure results. */
public final class Reports {

    private Reports() {
    }

    /**
     * Writes the reports into {@code dir}; returns the files a person opens first (summary.json, the HTML). The three
     * are written at the same time, each on its own thread: in a fresh JVM most of their time is the writers' own
     * start (two JSON mappers, the template), and the Allure results, the slowest, then add nothing to the others.
     */
    public static List<Path> write(Summary summary, Path dir, String lang) throws IOException {
        FutureTask<Path> html = start("smtp-report-html", () -> HtmlSummary.write(summary, lang, dir));
        FutureTask<Path> allure = start("smtp-report-allure", () -> AllureResults.write(summary, dir));
        List<Path> written = new ArrayList<>();
        written.add(SummaryJson.write(summary, dir));
        written.add(join(html));
        join(allure);
        return written;
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
