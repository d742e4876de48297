package org.starttls.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A run with only SHOULD-level FAILs tells one story everywhere: exit code 0, the FAIL announced as not gated on the
 * console and under the HTML badge, the same counts ("N requirements, M cases") in console, HTML, JSON and Allure, each
 * failing case named with the reply it got, JUnit XML without a failure; with {@code --gate SHOULD} the same FAIL fails
 * the run and names its cases in the gate's reason.
 */
class OneStoryTest {

    private static final String SELECT = "RFC3207-4-*";
    private static TestPki pki;
    private static ReferenceServer server;
    private static Path ca;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        pki = TestPki.create();
        ca = dir.resolve("ca.pem");
        pki.writeCaPem(ca);
        server = Variant.MAIL_ACCEPTED_BEFORE_TLS.start(pki.server());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aShouldFailBelowTheGateIsAnnouncedAndPassesTheGate(@TempDir Path dir) throws Exception {
        MainCommand run = MainCommand.run(dir, "--select", SELECT, "--tls-trust", ca.toString(), server.target());
        Summary summary = run.summary();
        Summary.RequirementResult r530 = result(summary, "RFC3207-4-SHOULD-530");
        List<Summary.CaseSummary> failing = r530.cases(Verdict.FAIL);

        assertThat(run.exitCode()).as(run.text()).isZero();
        assertThat(r530.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(failing).isNotEmpty().allSatisfy(c -> assertThat(c.got()).startsWith("250"));
        String size = summary.totals().requirements() + " requirements, " + summary.totals().cases() + " cases";
        assertThat(run.console()).contains("  1 SHOULD-level FAIL is not gated (smtp.gate=SHOULD or --gate SHOULD gates it)");
        // each failing case with the reply it got, on the requirement's console line
        String findings = failing.stream().map(c -> c.name().substring(r530.id().length() + 1) + " → 250")
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        assertThat(run.console()).anySatisfy(l -> assertThat(l).contains("RFC3207-4-SHOULD-530  " + findings));
        assertThat(run.console().get(run.console().size() - 6)).isEqualTo("[smtp] gate MUST: PASSED, exit code 0 (" + size + ")");
        assertThat(run.last(1).get(0)).startsWith("[smtp]   /");

        String html = Html.read(dir.resolve(HtmlSummary.FILE_NAME));
        assertThat(html).contains("<p class=\"notgated\">1 SHOULD-level FAIL is not gated (smtp.gate=SHOULD or --gate SHOULD gates it)</p>",
                "<p class=\"size\" id=\"size\">" + size + "</p>");
        assertThat(html.indexOf("id=\"to-fix\"")).as("the FAILs come before the per-target tables")
                .isLessThan(html.indexOf("class=\"target\""));
        for (Summary.CaseSummary c : failing) {
            assertThat(html).contains("<td><code>" + c.command() + "</code></td>");
        }

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve(JUnitXml.FILE_NAME).toFile());
        Element suite = (Element) junit.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(Long.parseLong(suite.getAttribute("tests"))).isEqualTo(summary.totals().cases());
        NodeList skipped = junit.getElementsByTagName("skipped");
        long notGated = 0;
        for (int i = 0; i < skipped.getLength(); i++) {
            if (((Element) skipped.item(i)).getAttribute("message").startsWith("FAIL (SHOULD), not gated by smtp.gate=MUST")) {
                notGated++;
            }
        }
        assertThat(notGated).isEqualTo(failing.size());

        assertThat(new String(Files.readAllBytes(dir.resolve("allure-results/environment.properties"))))
                .contains("run=" + size);
    }

    @Test
    void theSameFailGatedAtShouldNamesEveryFailingCaseInTheReason(@TempDir Path dir) throws Exception {
        MainCommand run = MainCommand.run(dir, "--select", SELECT, "--gate", "SHOULD", "--tls-trust", ca.toString(),
                server.target());
        Summary.RequirementResult r530 = result(run.summary(), "RFC3207-4-SHOULD-530");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.console()).anySatisfy(l -> assertThat(l).startsWith("[smtp] GATE FAILED (SHOULD): " + server.target()
                + ": RFC3207-4-SHOULD-530 (SHOULD) FAIL: ").contains("MAIL → 250"));
        assertThat(run.console()).noneSatisfy(l -> assertThat(l).contains("is not gated"));
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve(JUnitXml.FILE_NAME).toFile());
        assertThat(junit.getElementsByTagName("failure").getLength()).isEqualTo(r530.cases(Verdict.FAIL).size());
    }

    @Test
    void germanConsoleAndReportAreGermanButTheRfcQuote(@TempDir Path dir) throws Exception {
        MainCommand run = MainCommand.run(dir, "--select", SELECT, "--report-lang", "de", "--tls-trust", ca.toString(),
                server.target());

        assertThat(run.console()).contains("  1 Verstoß der Stufe SHOULD zählt nicht für die Schwelle "
                + "(smtp.gate=SHOULD bzw. --gate SHOULD bezieht ihn ein)");
        assertThat(run.text()).contains("SMTP-STARTTLS-Konformität", "ERFÜLLT", "VERLETZT", "[smtp] Schwelle MUST: BESTANDEN, "
                + "Exit-Code 0", "Anforderungen", "Fälle", "[smtp] Berichte:", "warte auf die Begrüßung von")
                .doesNotContain("requirements,", "reports:", "waiting for", "is not gated", " PASS ");
        String html = Html.read(dir.resolve(HtmlSummary.FILE_NAME));
        assertThat(html).contains("<html lang=\"de\">", "Was zu beheben ist", "So beheben Sie es", "VERLETZT",
                "Jeder Befehl außer NOOP, EHLO, STARTTLS und QUIT wird vor STARTTLS mit 530 abgewiesen",
                "TLS vor Mail-Befehlen verlangen", "Die Schwelle (Gate) ist die Stufe",
                // the RFC's words stay English
                "the server SHOULD return the reply code: 530")
                .doesNotContain("How to fix", "What to fix", "Requirements by verdict", "is not gated", "UNENTSCHIEDEN");
    }

    private static Summary.RequirementResult result(Summary summary, String id) {
        return summary.targets().get(0).results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
