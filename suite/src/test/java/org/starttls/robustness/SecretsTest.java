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
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.cases.ConformanceCase;
import org.starttls.checks.ExtraScripts;
import org.starttls.config.Credentials;
import org.starttls.config.SuiteConfig;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * AUTH credentials are used, inside TLS only, and never written anywhere: a full run with a known secret, then every
 * file under the report folder and target/ is searched for the secret in plain and base64 forms.
 */
class SecretsTest {

    private static final String USER = "robust-user";
    /** Fresh per run, so that no file from an earlier build can contain it by accident. */
    private static final String SECRET = "pw-" + UUID.randomUUID();

    /** The requirement the extra scripts are filed under; what they check is where the secret goes. */
    private static final String OWNER = "RFC3207-4.2-MUST-KNOW-TLS-ACTIVE";

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
            cases.add(script("AUTH-PLAIN-INSIDE-TLS", "C: AUTH PLAIN ${auth_plain}\nS! 235\n", true));
            cases.add(script("AUTH-LOGIN-INSIDE-TLS", "C: AUTH LOGIN\nS: 334\nC: ${auth_login_user}\nS: 334\n"
                    + "C: ${auth_login_password}\nS! 235\n", true));
            cases.add(script("AUTH-PLAIN-BEFORE-TLS", "C: AUTH PLAIN ${auth_plain}\nS! 235\n", false));
            Map<String, String> props = new HashMap<>(Map.of("smtp.target", server.target(), "smtp.tls.trust", ca.toString(),
                    "smtp.auth.user", USER, "smtp.auth.password", SECRET, "smtp.report.dir", reports.toString()));
            outcome = RunHarness.run(props, cases);
        }

        Map<String, Summary.CaseSummary> byName = new HashMap<>();
        outcome.target().results().forEach(r -> r.cases().forEach(c -> byName.put(c.name(), c)));
        assertThat(byName.get(OWNER + "-AUTH-PLAIN-INSIDE-TLS").verdict()).as(byName.get(OWNER + "-AUTH-PLAIN-INSIDE-TLS").detail()).isEqualTo(Verdict.PASS);
        assertThat(byName.get(OWNER + "-AUTH-PLAIN-INSIDE-TLS").transcript()).contains(">>> AUTH PLAIN ********");
        assertThat(byName.get(OWNER + "-AUTH-LOGIN-INSIDE-TLS").verdict()).as(byName.get(OWNER + "-AUTH-LOGIN-INSIDE-TLS").detail()).isEqualTo(Verdict.PASS);
        assertThat(byName.get(OWNER + "-AUTH-PLAIN-BEFORE-TLS").verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(byName.get(OWNER + "-AUTH-PLAIN-BEFORE-TLS").detail()).contains("not sending the AUTH credentials: TLS is not active");

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
            SuiteConfig config = SuiteConfig.from(SuiteConfig.settingsFromEnvironment());
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
        String text = "S: 220\nC: EHLO ${helo}\nS: 250\n"
                + (insideTls ? "C: STARTTLS\nS: 220\nTLS\nC: EHLO ${helo}\nS: 250 +AUTH\n" : "") + steps + "C: QUIT\nS: 221\n";
        return ExtraScripts.of(OWNER, name, "the AUTH account in a script, " + name, text);
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
