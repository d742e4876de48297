package org.starttls.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * A 421 read by a Java case straight after a raw write is the server shedding load, not an answer to judge: the
 * pipelined-plaintext case used to count a 421 to "STARTTLS + NOOP" as a refused STARTTLS and PASS.
 */
class ServiceClosingTest {

    @TempDir
    Path reports;

    @Test
    void a421AfterARawWriteIsInconclusive() throws Exception {
        try (HostileServer server = HostileServer.start((socket, in, out) -> {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            write(out, "220 busy.example ESMTP\r\n");
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.toUpperCase().startsWith("EHLO")) {
                    write(out, "250-busy.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n");
                } else {
                    write(out, "421 4.7.0 busy.example Error: too many errors\r\n");
                    return;
                }
            }
        })) {
            RunHarness.Outcome outcome = RunHarness.run(Map.of("smtp.target", server.target(), "smtp.tls.trust", "any",
                    "smtp.timeout", "5s", "smtp.select", "RFC3207-4.2-MUST-DISCARD-PIPELINED-PLAINTEXT",
                    "smtp.report.dir", reports.toString()), RunHarness.catalogueCases());

            assertThat(outcome.target().results()).singleElement().satisfies(r -> {
                assertThat(r.verdict()).as(r.detail()).isEqualTo(Verdict.INCONCLUSIVE);
                assertThat(r.cases()).extracting(Summary.CaseSummary::detail).allSatisfy(d -> assertThat(d).contains("421"));
            });
        }
    }

    private static void write(OutputStream out, String text) throws Exception {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
