package org.starttls.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.run.ConformanceCase;
import org.starttls.run.Credentials;
import org.starttls.run.Summary;
import org.starttls.run.SuiteConfig;
import org.starttls.script.ScenarioLibrary;
import org.starttls.script.ScriptParser;

/**
 * AUTH credentials are used, inside TLS only, and never written anywhere: a full run with a known secret, then every
 * file under the report folder and target/ is searched for the secret in plain and base64 forms.
 */
class SecretsTest {

    private static final String USER = "robust-user";
    /** Fresh per run, so that no file from an earlier build can contain it by accident. */
    private static final String SECRET = "pw-" + UUID.randomUUID();

    @TempDir
    Path reports;

    @Test
    void credentialsAreUsedInsideTlsAndNeverWrittenAnywhere() throws Exception {
        TestPki pki = TestPki.create();
        Path ca = reports.resolve("ca.pem");
        pki.writeCaPem(ca);
        RunHarness.Outcome outcome;
        try (ReferenceServer server = ReferenceServer.start(ServerOptions.builder(pki.server()).auth(USER, SECRET).build())) {
            List<ConformanceCase> cases = new ArrayList<>(RunHarness.catalogueCases());
            cases.add(script("auth-plain-inside-tls", "C: AUTH PLAIN ${auth_plain}\nS! 235\n", true));
            cases.add(script("auth-login-inside-tls", "C: AUTH LOGIN\nS: 334\nC: ${auth_login_user}\nS: 334\n"
                    + "C: ${auth_login_password}\nS! 235\n", true));
            cases.add(script("auth-plain-before-tls", "C: AUTH PLAIN ${auth_plain}\nS! 235\n", false));
            Map<String, String> props = new HashMap<>(Map.of("smtp.target", server.target(), "smtp.tls.trust", ca.toString(),
                    "smtp.auth.user", USER, "smtp.auth.password", SECRET, "smtp.report.dir", reports.toString()));
            outcome = RunHarness.run(props, cases);
        }

        Map<String, Summary.CaseSummary> byName = new HashMap<>();
        outcome.target().results().forEach(r -> r.cases().forEach(c -> byName.put(c.name(), c)));
        assertThat(byName.get("auth-plain-inside-tls").verdict()).as(byName.get("auth-plain-inside-tls").detail()).isEqualTo("PASS");
        assertThat(byName.get("auth-plain-inside-tls").transcript()).contains(">>> AUTH PLAIN ********");
        assertThat(byName.get("auth-login-inside-tls").verdict()).as(byName.get("auth-login-inside-tls").detail()).isEqualTo("PASS");
        assertThat(byName.get("auth-plain-before-tls").verdict()).isEqualTo("INCONCLUSIVE");
        assertThat(byName.get("auth-plain-before-tls").detail()).contains("not sending the AUTH credentials: TLS is not active");

        List<String> forms = secretForms();
        for (Path root : List.of(reports, Paths.get("target").toAbsolutePath())) {
            assertThat(filesContainingAny(root, forms)).as("files under %s that contain the secret", root).isEmpty();
        }
    }

    @Test
    void aPasswordGivenAsSystemPropertyLeavesTheSystemPropertiesOnceRead() {
        System.setProperty("smtp.auth.user", USER);
        System.setProperty("smtp.auth.password", SECRET);
        try {
            SuiteConfig config = SuiteConfig.fromEnvironment();
            assertThat(config.credentials()).map(Credentials::password).contains(SECRET);
            assertThat(System.getProperty("smtp.auth.password")).isNull();
            assertThat(config.toString()).doesNotContain(SECRET);
        } finally {
            System.clearProperty("smtp.auth.user");
            System.clearProperty("smtp.auth.password");
        }
    }

    /** Greeting, EHLO, and for {@code insideTls} STARTTLS and EHLO again, then {@code steps}. */
    private static ConformanceCase script(String name, String steps, boolean insideTls) {
        String text = "# " + name + "\n@id RFC3207-4.2-MUST-KNOW-TLS-ACTIVE\nS: 220\nC: EHLO ${helo}\nS: 250\n"
                + (insideTls ? "C: STARTTLS\nS: 220\nTLS\nC: EHLO ${helo}\nS: 250 +AUTH\n" : "") + steps + "C: QUIT\nS: 221\n";
        return ScenarioLibrary.bind(ScriptParser.parse("robustness/" + name + ".smtp", text), Optional.empty());
    }

    private static List<String> secretForms() {
        Base64.Encoder b64 = Base64.getEncoder();
        return List.of(SECRET, b64.encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)),
                new Credentials(USER, SECRET).plainResponse());
    }

    private static List<Path> filesContainingAny(Path root, List<String> forms) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    return forms.stream().anyMatch(text::contains);
                } catch (IOException unreadable) {
                    return false;
                }
            }).toList();
        }
    }
}
