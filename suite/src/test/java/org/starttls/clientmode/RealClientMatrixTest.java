package org.starttls.clientmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.starttls.Suite;
import org.starttls.config.SuiteConfig;
import org.starttls.fixtures.realclients.ClientProfile;
import org.starttls.fixtures.realclients.RealClient;
import org.starttls.fixtures.realclients.RealClients;
import org.starttls.requirements.Catalogue;
import org.starttls.requirements.Requirement;
import org.starttls.summary.Profile;
import org.starttls.summary.Role;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * The client mode against real SMTP clients nobody here wrote (Python smtplib, curl, swaks, msmtp, nodemailer, Jakarta
 * Mail in this JVM, Postfix as a sending MTA), each configured as its documentation says for the profile: every
 * requirement's verdict is asserted ({@link RealClientVerdicts}), and every FAIL is proven by the line of the transcript
 * its detail quotes. The matrix (client × requirement) is written to {@code target/realclient-matrix.md} for the README.
 * A client that is not installed is skipped with its install command; under CI ({@code CI=true}) that is a failure.
 */
class RealClientMatrixTest {

    private static final Path WORK = Path.of("target", "realclients-matrix").toAbsolutePath();
    private static final Map<String, Map<String, Summary.RequirementResult>> OBSERVED = new ConcurrentHashMap<>();

    static Stream<Arguments> clients() throws IOException {
        return RealClients.all(WORK.resolve("work")).stream().flatMap(client -> Arrays.stream(ClientProfile.values())
                .filter(profile -> client.launch(profile).isPresent())
                .map(profile -> Arguments.of(client, profile)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clients")
    void verdictsAsExpected(RealClient client, ClientProfile clientProfile) {
        client.unavailable().ifPresent(why -> {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and " + client.name() + " cannot run: " + why);
            }
            Assumptions.abort(client.name() + ": " + why);
        });
        Profile profile = Profile.parse(clientProfile.token(), Role.CLIENT);
        String row = client.name() + " (" + profile + ")";
        boolean postfix = client.name().equals("Postfix");
        SuiteConfig config = SuiteConfig.from(Map.of("smtp.report.dir", WORK.resolve(row.replaceAll("[^A-Za-z0-9-]+", "_"))
                        .toString(), "smtp.gate", "NONE", "smtp.concurrency", postfix ? "2" : "4"))
                .withClient(new ClientUnderTest(row, client.launch(clientProfile).orElseThrow(), profile,
                        Duration.ofSeconds(90)));
        Summary summary = Suite.run(config, new PrintStream(OutputStream.nullOutputStream())).summary();
        Map<String, Summary.RequirementResult> results = summary.targets().get(0).results().stream()
                .collect(Collectors.toMap(Summary.RequirementResult::id, r -> r));
        OBSERVED.put(row, results);

        Map<String, Verdict> expected = RealClientVerdicts.expected(client.name(), profile);
        for (Summary.RequirementResult r : results.values()) {
            Verdict want = expected.getOrDefault(r.id(), r.verdict() == Verdict.NOT_APPLICABLE ? Verdict.NOT_APPLICABLE
                    : Verdict.PASS);
            assertThat(r.verdict()).as("%s, %s: %s%n%s", row, r.id(), r.detail(), transcripts(r)).isEqualTo(want);
            if (r.verdict() == Verdict.FAIL) {
                r.cases().stream().filter(c -> c.verdict() == Verdict.FAIL).forEach(c -> assertThat(c.transcript())
                        .as("the FAIL of %s is proven by the line its detail quotes", c.name())
                        .contains(quoted(c.detail())));
            }
        }
    }

    /** The client line a FAIL's detail quotes ('AUTH PLAIN ***'), which the transcript must hold. */
    private static String quoted(String detail) {
        int open = detail.indexOf('\'');
        int close = detail.indexOf('\'', open + 1);
        return open >= 0 && close > open ? detail.substring(open + 1, close) : "";
    }

    private static String transcripts(Summary.RequirementResult r) {
        return r.cases().stream().map(c -> c.name() + " " + c.verdict() + ": " + c.detail() + "\n" + c.transcript())
                .collect(Collectors.joining("\n\n"));
    }

    /** Client × requirement, then each FAIL with its proving line. */
    @AfterAll
    static void writeMatrix() throws IOException {
        List<Requirement> requirements = Catalogue.forRole(Role.CLIENT);
        List<String> lines = new ArrayList<>();
        lines.add("| requirement | level | " + String.join(" | ", new TreeMap<>(OBSERVED).keySet()) + " |");
        lines.add("|---|---|" + "---|".repeat(OBSERVED.size()));
        for (Requirement r : requirements) {
            lines.add("| `" + r.id() + "` | " + r.level().keyword() + " | " + new TreeMap<>(OBSERVED).values().stream()
                    .map(results -> results.containsKey(r.id()) ? cell(results.get(r.id()).verdict()) : "")
                    .collect(Collectors.joining(" | ")) + " |");
        }
        lines.add("");
        new TreeMap<>(OBSERVED).forEach((row, results) -> results.values().stream()
                .filter(r -> r.verdict() == Verdict.FAIL || r.verdict() == Verdict.INCONCLUSIVE)
                .forEach(r -> r.cases().stream().filter(c -> c.verdict() == r.verdict())
                        .forEach(c -> lines.add("- " + row + ", `" + c.name() + "` " + c.verdict() + ": " + c.detail()))));
        Files.createDirectories(WORK);
        Files.write(WORK.getParent().resolve("realclient-matrix.md"), lines, StandardCharsets.UTF_8);
    }

    private static String cell(Verdict verdict) {
        return switch (verdict) {
            case PASS -> "PASS";
            case FAIL -> "**FAIL**";
            case INCONCLUSIVE -> "INCONCLUSIVE";
            case NOT_APPLICABLE -> "n/a";
        };
    }
}
