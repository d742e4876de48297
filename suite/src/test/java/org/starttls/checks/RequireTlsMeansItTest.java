package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.starttls.checks.Judged.details;
import static org.starttls.checks.Judged.result;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.checks.Judged.Account;
import org.starttls.cli.Main;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Level;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * {@code require-tls} means it: a server that accepts a mail transaction or AUTH before TLS fails the derived MUST
 * rule RFC3207-6-MUST-REFUSE-MAIL-AND-AUTH-BEFORE-TLS (any 4xx or 5xx refuses), and with it the default gate.
 */
class RequireTlsMeansItTest {

    private static final String ID = "RFC3207-6-MUST-REFUSE-MAIL-AND-AUTH-BEFORE-TLS";

    @TempDir
    Path dir;

    private int exitCode(ReferenceServer server, ByteArrayOutputStream console) throws IOException {
        Path ca = dir.resolve("ca.pem");
        Judged.pki().writeCaPem(ca);
        return Main.execute(new PrintStream(console, true, StandardCharsets.UTF_8), "--profile", "require-tls",
                "--tls-trust", ca.toString(), "--timeout", "3s", "--report-dir", dir.resolve("report").toString(),
                server.target());
    }

    @Test
    void aServerThatAcceptsMailBeforeTlsFailsTheDefaultGate() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (ReferenceServer server = Variant.MAIL_ACCEPTED_BEFORE_TLS.start(Judged.pki())) {
            assertThat(exitCode(server, console)).as(console.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(ID);
        assertThat(Files.readString(dir.resolve("report").resolve("summary.json"))).contains(ID);
    }

    @Test
    void theReferenceServerPassesTheDefaultGate() throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (ReferenceServer server = ReferenceServer.start(org.starttls.fixtures.server.ServerOptions
                .builder(Judged.pki().server()).build())) {
            assertThat(exitCode(server, console)).as(console.toString(StandardCharsets.UTF_8)).isZero();
        }
    }

    @Test
    void theRuleIsAMustDerivedForTheProfileAndSaysWhy() {
        Summary.TargetSummary target = Judged.variant(Variant.MAIL_ACCEPTED_BEFORE_TLS, Profile.REQUIRE_TLS, ID,
                Account.NONE);

        Summary.RequirementResult result = result(target, ID);
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.level()).isEqualTo(Level.MUST);
        assertThat(result.derived()).isTrue();
        assertThat(details(target, ID)).contains("MAIL before STARTTLS was accepted").contains("derived: RFC 3207 §6");
    }

    @Test
    void anyRefusalSatisfiesItAndAuthInCleartextDoesNot() {
        Summary.TargetSummary code550 = Judged.variant(Variant.CODE_550_INSTEAD_OF_530, Profile.REQUIRE_TLS,
                ID + ",RFC3207-4-SHOULD-530", Account.NONE);
        Summary.TargetSummary auth = Judged.variant(Variant.AUTH_ACCEPTED_BEFORE_TLS, Profile.REQUIRE_TLS, ID,
                Account.NONE);

        assertThat(result(code550, ID).verdict()).as("550 refuses").isEqualTo(Verdict.PASS);
        assertThat(result(code550, "RFC3207-4-SHOULD-530").verdict()).as("the code stays a SHOULD").isEqualTo(Verdict.FAIL);
        assertThat(result(auth, ID).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(details(auth, ID)).contains("334");
    }
}
