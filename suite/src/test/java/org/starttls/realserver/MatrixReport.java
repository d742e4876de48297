package org.starttls.realserver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.starttls.reports.HtmlSummary;
import org.starttls.reports.Reports;
import org.starttls.run.SummaryBuilder;
import org.starttls.summary.Gate;
import org.starttls.summary.Summary;

/**
 * Every listener of the real-server matrix as one {@link Summary}, one target per listener named
 * {@code SERVER VERSION PROFILE}, written with {@link Reports#write} to {@value #DIRECTORY}: the HTML summary shows it
 * as a requirements × listeners matrix whose cells open the requirement's cases and transcripts. The gate is MUST,
 * computed as for any run ({@link SummaryBuilder#gate}): the reasons list every MUST-level FAIL of every server and
 * every listener that could not be evaluated.
 */
final class MatrixReport {

    static final String DIRECTORY = "target/realservers-report";

    private MatrixReport() {
    }

    /** Writes the reports; returns the HTML file. */
    static Path write(List<ListenerResult> results) throws IOException {
        return Reports.write(summary(results), Path.of(DIRECTORY), "en").stream()
                .filter(p -> p.getFileName().toString().equals(HtmlSummary.FILE_NAME)).findFirst().orElseThrow()
                .toAbsolutePath();
    }

    static Summary summary(List<ListenerResult> results) {
        List<Summary.TargetSummary> targets = new ArrayList<>();
        for (ListenerResult result : results) {
            Summary.TargetSummary t = result.summary();
            targets.add(new Summary.TargetSummary(result.label(), t.profile(), t.durationMillis(), t.error(), t.facts(),
                    t.counts(), t.results()));
        }
        return new Summary("smtp-starttls-conformance real-server matrix", "dev", Instant.now().toString(), targets,
                SummaryBuilder.gate(Gate.MUST, targets, List.of()));
    }
}
