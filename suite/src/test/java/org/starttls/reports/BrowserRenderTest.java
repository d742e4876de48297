package org.starttls.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.summary.SummaryJson;
import org.starttls.summary.Verdict;

/**
 * Opens the HTML summary of the two-target run from disk in Debian's headless Chromium: the page's script runs
 * without a console message, and what the browser shows agrees with summary.json. The report of a failing server, in
 * English and German, leads with its FAILs, most binding level first. Screenshots and PDF go to target/browser and
 * target/screenshots.
 *
 * <p>Without Chromium every test here is skipped (counted as skipped, not as 0 tests) and the console says how to
 * install it; under CI ({@code CI=true}) that is a failure instead.
 */
class BrowserRenderTest {

    private static final Path OUTPUT = Path.of("target", "browser").toAbsolutePath();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final String INSTALL = "apt-get install -y chromium (or: bash .ci/install.d/chromium.sh)";
    private static Optional<Path> chromium;
    private static boolean told;

    @BeforeEach
    void needsChromium() {
        synchronized (BrowserRenderTest.class) {
            if (chromium == null) {
                chromium = Stream.concat(Stream.of("/usr/bin/chromium"),
                                Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                                        .flatMap(dir -> Stream.of(Path.of(dir, "chromium").toString(),
                                                Path.of(dir, "chromium-browser").toString())))
                        .map(Path::of).filter(Files::isExecutable).findFirst();
            }
            if (chromium.isEmpty()) {
                String message = "Chromium is not installed, so the HTML report was not checked in a browser; install it: "
                        + INSTALL;
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    fail(message + ", and CI=true requires it");
                }
                if (!told) {
                    // Surefire keeps a skip's reason out of the console; say it where the developer looks
                    System.out.println("[browser] tests skipped: " + message);
                    told = true;
                }
                Assumptions.abort(message);
            }
        }
    }

    @Test
    void theFailingServersReportLeadsWithItsFailsInEnglishAndGerman(@TempDir Path profile) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        for (FailingRun run : List.of(FailingRun.english(), FailingRun.german())) {
            Path page = run.dir().resolve(HtmlSummary.FILE_NAME);
            String lang = run == FailingRun.german() ? "de" : "en";
            Path png = SCREENSHOTS.resolve("failing-server-" + lang + ".png");
            Files.deleteIfExists(png);

            Result dump = chromium(profile, "--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString());
            chromium(profile, "--hide-scrollbars", "--window-size=1280,1500", "--screenshot=" + png, page.toUri().toString());

            assertThat(dump.stderr.lines().filter(l -> l.contains(":CONSOLE")).toList()).as("console messages").isEmpty();
            String dom = dump.stdout;
            assertThat(dom.indexOf("id=\"to-fix\"")).as("the FAILs come first").isPositive()
                    .isLessThan(dom.indexOf("class=\"requirement\""));
            List<String> levels = Pattern.compile("<li data-id=\"[^\"]+\" data-level=\"([A-Z ]+)\"").matcher(dom).results()
                    .map(m -> m.group(1)).toList();
            assertThat(levels).as("fixes, most binding level first").containsExactly("MUST NOT", "SHOULD", "INFO");
            assertThat(dom).as("no Java class names").doesNotContain("org.starttls");
            assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        }
        assertThat(Html.read(FailingRun.german().dir().resolve(HtmlSummary.FILE_NAME)))
                .contains("Was zu beheben ist", "So beheben Sie es", "VERLETZT");
    }

    @Test
    void theSummaryLoadsFromDiskWithoutConsoleMessagesAndShowsTheCountsOfSummaryJson(@TempDir Path profile) throws Exception {
        TwoTargetRun run = TwoTargetRun.get();
        Path page = run.dir.resolve(HtmlSummary.FILE_NAME);
        Files.createDirectories(OUTPUT);

        Result dump = chromium(profile, "--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString());

        assertThat(dump.stderr.lines().filter(l -> l.contains(":CONSOLE")).toList()).as("console messages").isEmpty();
        JsonNode summary = new ObjectMapper().readTree(run.dir.resolve(SummaryJson.FILE_NAME).toFile());
        String tally = find(dump.stdout, "<output id=\"tally\"[^>]*>");
        String totals = find(dump.stdout, "(?s)<div class=\"counts\" id=\"totals\">.*?</div>");
        long rows = 0;
        for (Verdict v : Verdict.values()) {
            long expected = 0;
            for (JsonNode target : summary.path("targets")) {
                expected += target.path("counts").path(v.name()).asLong();
            }
            rows += expected;
            assertThat(attribute(tally, "data-" + v.name().toLowerCase(Locale.ROOT)).orElse("0"))
                    .as("rows the page's script counted as " + v).isEqualTo(String.valueOf(expected));
            assertThat(find(totals, "data-verdict=\"" + v.name() + "\"><b>(\\d+)</b>", 1))
                    .as("count shown at the top for " + v).isEqualTo(String.valueOf(expected));
        }
        assertThat(attribute(tally, "data-rows")).contains(String.valueOf(rows));
        assertThat(find(dump.stdout, "<span id=\"gate\" class=\"gate (\\w+)\"", 1))
                .isEqualTo(summary.path("gate").path("exit").asText());
    }

    @Test
    void theSummaryRendersToAScreenshotAndPrintsToPdf(@TempDir Path profile) throws Exception {
        Path page = TwoTargetRun.get().dir.resolve(HtmlSummary.FILE_NAME);
        Files.createDirectories(OUTPUT);
        Path png = OUTPUT.resolve("compliance-report.png");
        Path pdf = OUTPUT.resolve("compliance-report.pdf");
        Files.deleteIfExists(png);
        Files.deleteIfExists(pdf);

        chromium(profile, "--hide-scrollbars", "--window-size=1280,2000", "--screenshot=" + png, page.toUri().toString());
        chromium(profile, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, page.toUri().toString());

        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readAllBytes(pdf)).startsWith('%', 'P', 'D', 'F');
    }

    private record Result(String stdout, String stderr) {
    }

    /** Runs headless Chromium with the flags that keep it off the network, bounded to 90 s. */
    private static Result chromium(Path profile, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(OUTPUT, "chromium", ".out");
        Path err = Files.createTempFile(OUTPUT, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                fail("Chromium did not finish within 90 s: " + String.join(" ", command));
            }
            assertThat(process.exitValue()).as("Chromium's exit code; stderr:%n%s", Files.readString(err)).isZero();
            return new Result(Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String find(String text, String regex) {
        return find(text, regex, 0);
    }

    private static String find(String text, String regex, int group) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("page contains /" + regex + "/").isTrue();
        return m.group(group);
    }

    private static Optional<String> attribute(String element, String name) {
        Matcher m = Pattern.compile(" " + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(element);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
