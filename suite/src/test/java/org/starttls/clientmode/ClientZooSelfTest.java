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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.starttls.Suite;
import org.starttls.config.SuiteConfig;
import org.starttls.fixtures.clientzoo.ClientFlaw;
import org.starttls.fixtures.clientzoo.ZooClient;
import org.starttls.requirements.Catalogue;
import org.starttls.requirements.Requirement;
import org.starttls.summary.Profile;
import org.starttls.summary.Role;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * The client mode's mutation self-test: every faulty client of the zoo makes exactly the client requirements it names
 * FAIL (and no other), every client requirement is made to FAIL by some flaw, and the correct client passes every
 * requirement under each profile (PASS or NOT_APPLICABLE, never INCONCLUSIVE). The matrix is written to
 * {@code target/client-zoo-matrix.md}.
 */
class ClientZooSelfTest {

    private static final Path WORK = Path.of("target", "client-zoo").toAbsolutePath();
    private static final Map<String, Map<String, Verdict>> MATRIX = new ConcurrentHashMap<>();

    static Summary run(ClientFlaw flaw, Profile profile) {
        SuiteConfig config = SuiteConfig.from(Map.of("smtp.report.dir", WORK.resolve(flaw + "-" + profile).toString(),
                        "smtp.gate", "NONE", "smtp.concurrency", "4"))
                .withClient(ClientUnderTest.driver("zoo client " + flaw, new ZooClient(flaw), profile, Duration.ofSeconds(30)));
        return Suite.run(config, new PrintStream(OutputStream.nullOutputStream())).summary();
    }

    static Stream<Arguments> flaws() {
        return Arrays.stream(ClientFlaw.values()).filter(f -> f != ClientFlaw.NONE)
                .map(f -> Arguments.of(f, Profile.parse(f.profile(), Role.CLIENT)));
    }

    @ParameterizedTest(name = "correct client, {0}")
    @EnumSource(value = Profile.class, names = {"REQUIRE_TLS", "OPPORTUNISTIC", "IMPLICIT_TLS"})
    void theCorrectClientPassesEverything(Profile profile) {
        Summary summary = run(ClientFlaw.NONE, profile);
        record("NONE (" + profile + ")", summary);
        assertThat(summary.targets().get(0).role()).isEqualTo(Role.CLIENT);
        assertThat(cases(summary)).allSatisfy(c -> assertThat(c.verdict())
                .as("%s: %s%n%s", c.name(), c.detail(), c.transcript()).isIn(Verdict.PASS, Verdict.NOT_APPLICABLE));
        assertThat(summary.targets().get(0).results()).anyMatch(r -> r.verdict() == Verdict.PASS);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("flaws")
    void eachFlawFailsExactlyItsRequirements(ClientFlaw flaw, Profile profile) {
        Summary summary = run(flaw, profile);
        record(flaw + " (" + profile + ")", summary);
        Map<String, Summary.RequirementResult> byId = summary.targets().get(0).results().stream()
                .collect(Collectors.toMap(Summary.RequirementResult::id, r -> r));
        for (String killed : flaw.kills()) {
            assertThat(byId).as("%s names %s", flaw, killed).containsKey(killed);
            assertThat(byId.get(killed).verdict()).as("%s must make %s FAIL: %s%n%s", flaw, killed,
                    byId.get(killed).detail(), transcripts(byId.get(killed))).isEqualTo(Verdict.FAIL);
        }
        List<String> unexpected = byId.values().stream().filter(r -> r.verdict() == Verdict.FAIL)
                .map(Summary.RequirementResult::id).filter(id -> !flaw.kills().contains(id)).toList();
        assertThat(unexpected).as("%s makes other requirements FAIL: %s", flaw, unexpected.stream()
                .map(id -> id + ": " + byId.get(id).detail()).collect(Collectors.joining("\n"))).isEmpty();
    }

    @Test
    void everyClientRequirementIsKilledBySomeFlaw() {
        Set<String> killed = Arrays.stream(ClientFlaw.values()).flatMap(f -> f.kills().stream()).collect(Collectors.toSet());
        assertThat(Catalogue.forRole(Role.CLIENT).stream().map(Requirement::id).filter(id -> !killed.contains(id)))
                .as("client requirements no flaw of the zoo makes FAIL").isEmpty();
    }

    private static List<Summary.CaseSummary> cases(Summary summary) {
        return summary.targets().get(0).results().stream().flatMap(r -> r.cases().stream()).toList();
    }

    private static String transcripts(Summary.RequirementResult r) {
        return r.cases().stream().map(c -> c.name() + " " + c.verdict() + ": " + c.detail() + "\n" + c.transcript())
                .collect(Collectors.joining("\n\n"));
    }

    private static void record(String row, Summary summary) {
        Map<String, Verdict> verdicts = new TreeMap<>();
        summary.targets().get(0).results().forEach(r -> verdicts.put(r.id(), r.verdict()));
        MATRIX.put(row, verdicts);
    }

    /** The zoo matrix: flaws (rows) × client requirements (columns), the killed ones marked. */
    @AfterAll
    static void writeMatrix() throws IOException {
        List<String> ids = Catalogue.forRole(Role.CLIENT).stream().map(Requirement::id).toList();
        List<String> lines = new ArrayList<>();
        lines.add("| client | " + String.join(" | ", ids) + " |");
        lines.add("|---|" + "---|".repeat(ids.size()));
        new TreeMap<>(MATRIX).forEach((row, verdicts) -> lines.add("| " + row + " | " + ids.stream()
                .map(id -> String.valueOf(verdicts.getOrDefault(id, null))).collect(Collectors.joining(" | ")) + " |"));
        Files.createDirectories(WORK);
        Files.write(WORK.getParent().resolve("client-zoo-matrix.md"), lines, StandardCharsets.UTF_8);
    }
}
