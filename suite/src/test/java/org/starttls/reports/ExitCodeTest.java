package org.starttls.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.cli.Main;
import org.starttls.client.RefusingPort;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.ExitCode;

/**
 * The exit codes of DESIGN §7, each produced by the main command and, for the same report folder, by Maven's last step
 * ({@code gate DIR}): 0 gate passed, 1 a gated FAIL, 2 a target not evaluated, 3 a configuration or usage error
 * (refused before any connection; console and HTML say "configuration error", never "gate failed").
 */
class ExitCodeTest {

    private static final String FEW = "RFC3207-4.2-MUSTNOT-*,RFC3207-4-SHOULD-530";

    @Test
    void zeroWhenTheGatePasses(@TempDir Path dir) {
        MainCommand run = MainCommand.run(dir, "--select", FEW);

        assertCode(run, ExitCode.PASSED);
        assertThat(run.last(1).get(0)).as("the report paths come last").startsWith("[smtp]   /");
        assertThat(run.text()).contains("[smtp] gate MUST: PASSED, exit code 0");
    }

    @Test
    void oneWhenAGatedRequirementFails(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create();
        pki.writeCaPem(dir.resolve("ca.pem"));
        try (ReferenceServer faulty = Variant.STARTTLS_ADVERTISED_IN_TLS.start(pki.server())) {
            MainCommand run = MainCommand.run(dir.resolve("report"), "--select", FEW, "--tls-trust",
                    dir.resolve("ca.pem").toString(), faulty.target());

            assertCode(run, ExitCode.GATE_FAILED);
            assertThat(run.text()).contains("[smtp] GATE FAILED (MUST): " + faulty.target()
                    + ": RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS (MUST NOT) FAIL: ");
        }
    }

    @Test
    void twoWhenATargetCannotBeEvaluated(@TempDir Path dir) throws Exception {
        try (RefusingPort refusing = RefusingPort.open()) {
            MainCommand run = MainCommand.run(dir, "--select", FEW, refusing.target().toString());

            assertCode(run, ExitCode.NOT_EVALUATED);
            assertThat(run.text()).contains("[smtp] NOT EVALUATED: " + refusing.target() + ": cannot connect");
        }
    }

    @Test
    void threeForABadSettingWithConfigurationErrorInConsoleAndHtml(@TempDir Path dir) throws Exception {
        MainCommand run = MainCommand.run(dir, "--gate", "MUTS");

        assertCode(run, ExitCode.CONFIGURATION_ERROR);
        assertThat(run.text()).contains("[smtp] CONFIGURATION ERROR: smtp.gate: unknown gate 'MUTS'")
                .doesNotContain("GATE FAILED").doesNotContain("FAILED (MUST)");
        String html = Html.read(dir.resolve(HtmlSummary.FILE_NAME));
        assertThat(html).contains("class=\"gate CONFIGURATION_ERROR\"", ">CONFIGURATION ERROR<", "unknown gate 'MUTS'",
                "no server was tested").doesNotContain(">FAILED<").doesNotContain("Gate MUST");
    }

    @Test
    void threeInGermanWhenTheReportIsGerman(@TempDir Path dir) throws Exception {
        MainCommand run = MainCommand.run(dir, "--report-lang", "de", "--gate", "MUTS");

        assertCode(run, ExitCode.CONFIGURATION_ERROR);
        assertThat(run.text()).contains("[smtp] KONFIGURATIONSFEHLER: smtp.gate: unbekannte Schwelle 'MUTS'",
                "[smtp] KONFIGURATIONSFEHLER, Exit-Code 3: der Lauf wurde vor jeder Verbindung abgelehnt");
        assertThat(Html.read(dir.resolve(HtmlSummary.FILE_NAME))).contains(">KONFIGURATIONSFEHLER<",
                "unbekannte Schwelle 'MUTS'", "kein Server wurde geprüft");
    }

    /** With a gated FAIL on one target and another target unreachable, each reason line names its own kind. */
    @Test
    void eachReasonLineSaysWhetherItFailedOrCouldNotBeEvaluated(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create();
        pki.writeCaPem(dir.resolve("ca.pem"));
        try (ReferenceServer faulty = Variant.STARTTLS_ADVERTISED_IN_TLS.start(pki.server());
             RefusingPort refusing = RefusingPort.open()) {
            MainCommand run = MainCommand.run(dir.resolve("report"), "--select", FEW, "--tls-trust",
                    dir.resolve("ca.pem").toString(), faulty.target(), refusing.target().toString());

            assertCode(run, ExitCode.GATE_FAILED);
            assertThat(run.console()).contains("[smtp] NOT EVALUATED: " + refusing.target() + ": cannot connect to "
                    + refusing.target() + ": connection refused by " + refusing.target() + " (127.0.0.1)");
            assertThat(run.console()).anySatisfy(line -> assertThat(line).startsWith("[smtp] GATE FAILED (MUST): "
                    + faulty.target() + ": RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS"));
        }
    }

    /** gate and merge read reports another run wrote: a typo in their options must not replace them. */
    @Test
    void aTypoInTheGateCommandLeavesTheReportItWasToRead(@TempDir Path dir) throws Exception {
        MainCommand run = MainCommand.run(dir, "--select", FEW);
        byte[] summary = Files.readAllBytes(dir.resolve("summary.json"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                "gate", dir.toString(), "--typo");

        assertThat(run.exitCode()).isZero();
        assertThat(code).isEqualTo(ExitCode.CONFIGURATION_ERROR.code());
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("[smtp] CONFIGURATION ERROR: command line: Unknown option: '--typo'", "no report was written");
        assertThat(dir.resolve("summary.json")).hasBinaryContent(summary);
    }

    @Test
    void threeForAnUnknownOptionWithTheSameReport(@TempDir Path dir) throws Exception {
        MainCommand run = MainCommand.run(dir, "--gaet", "SHOULD");

        assertCode(run, ExitCode.CONFIGURATION_ERROR);
        assertThat(run.text()).contains("[smtp] CONFIGURATION ERROR: command line: Unknown option: '--gaet'");
        assertThat(Html.read(dir.resolve(HtmlSummary.FILE_NAME))).contains(">CONFIGURATION ERROR<");
    }

    @Test
    void threeForATypoInAPropertyName(@TempDir Path dir) {
        System.setProperty("smtp.gaet", "SHOULD");
        try {
            MainCommand run = MainCommand.run(dir);

            assertCode(run, ExitCode.CONFIGURATION_ERROR);
            assertThat(run.text()).contains("[smtp] CONFIGURATION ERROR: unknown property smtp.gaet");
        } finally {
            System.clearProperty("smtp.gaet");
        }
    }

    /** The main command's code, the same code from the gate step on its report folder, the verdict and paths last. */
    private static void assertCode(MainCommand run, ExitCode expected) {
        assertThat(run.exitCode()).as(run.text()).isEqualTo(expected.code());
        for (MainCommand door : java.util.List.of(run, run.gate())) {
            assertThat(door.exitCode()).as("%s", door.text()).isEqualTo(expected.code());
            int reports = door.console().size() - 1;
            while (reports >= 0 && !door.console().get(reports).matches("\\[smtp\\] (reports|Berichte):")) {
                reports--;
            }
            assertThat(reports).as("a reports line in%n%s", door.text()).isPositive();
            assertThat(door.console().get(reports - 1)).as("the verdict, right before the paths")
                    .matches("\\[smtp\\] .*(exit code|Exit-Code) " + expected.code() + "\\b.*");
            assertThat(door.console().subList(reports + 1, door.console().size()))
                    .isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("[smtp]   /"));
        }
    }
}
