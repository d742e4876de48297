package org.starttls.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.starttls.cases.ConformanceCase;
import org.starttls.checks.CheckLibrary;
import org.starttls.fixtures.realservers.RealServer;
import org.starttls.summary.Profile;
import org.starttls.summary.Role;
import org.starttls.summary.Summary;

/**
 * The real-server matrix: every implementation of {@link MatrixServer#ALL} that can run here is started privately on
 * loopback, the whole catalogue runs against each of its listeners (all at once, each at its server's
 * {@code smtp.concurrency}), and every case's verdict must be the one of its data file
 * {@code src/test/resources/realservers/SERVER/PROFILE.verdicts} ({@link VerdictFile}); all differences of a listener
 * are listed at once. A change in the suite's judgement, or in a server, shows up here.
 *
 * <p>Switches (not {@code smtp.*} properties: the conformance run refuses unknown ones):
 * {@code -Dupdate.expectations=true} rewrites each data file from what was observed, keeping the explanations of
 * unchanged verdicts and marking new FAIL and INCONCLUSIVE lines {@value VerdictFile#TODO}, which the test then
 * refuses until they are explained; {@code -Dupdate.readme=true} rewrites the README's "Results against real servers"
 * ({@link ReadmeMatrix}). Every run writes the combined HTML report ({@link MatrixReport}).
 */
class RealServerMatrixTest {

    static final String UPDATE_EXPECTATIONS = "update.expectations";

    @RegisterExtension
    static final RealServersExtension SERVERS = new RealServersExtension(MatrixServer.kinds());

    private static final List<ConformanceCase> CATALOGUE = CheckLibrary.cases(Role.SERVER);
    private static final Map<MatrixServer, Map<Profile, CompletableFuture<Summary.TargetSummary>>> RUNS = new LinkedHashMap<>();
    private static ExecutorService executor;
    private static long started;

    @BeforeAll
    static void runTheCatalogueAgainstEveryListener() {
        started = System.nanoTime();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "realserver-run");
            t.setDaemon(true);
            return t;
        });
        for (MatrixServer server : MatrixServer.ALL) {
            SERVERS.running(server.kind()).ifPresent(running -> {
                Map<Profile, CompletableFuture<Summary.TargetSummary>> runs = new LinkedHashMap<>();
                for (Profile profile : Profile.of(Role.SERVER)) {
                    if (running.targets().containsKey(profile.propertyValue())) {
                        runs.put(profile, CatalogueRun.of(running, profile, server.concurrency()).start(CATALOGUE,
                                Path.of("target", "realservers-runs", server.slug(), profile.propertyValue()), executor));
                    }
                }
                RUNS.put(server, runs);
            });
        }
    }

    @AfterAll
    static void writeTheReports() throws IOException {
        List<ListenerResult> results = new ArrayList<>();
        RUNS.forEach((server, runs) -> runs.forEach((profile, run) -> {
            if (!run.isCompletedExceptionally()) {
                results.add(ListenerResult.of(server, SERVERS.running(server.kind()).orElseThrow(), profile, run.join()));
            }
        }));
        executor.shutdownNow();
        System.out.printf("[realservers] %d listeners of %d servers checked in %d ms (servers started before)%n",
                results.size(), RUNS.size(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        if (results.isEmpty()) {
            return;
        }
        System.out.println("[realservers] HTML report: " + MatrixReport.write(results));
        if (ReadmeMatrix.requested()) {
            if (RUNS.size() < MatrixServer.ALL.size()) {
                throw new IllegalStateException("not writing the README: only " + RUNS.size() + " of "
                        + MatrixServer.ALL.size() + " servers ran here");
            }
            System.out.println("[realservers] results written to " + ReadmeMatrix.write(results, CATALOGUE));
        }
    }

    /** Per server, one test per listener; a server that cannot run here is one skipped (under CI: failed) test. */
    @TestFactory
    Stream<DynamicNode> everyCaseGetsTheVerdictOfItsDataFile() {
        return MatrixServer.ALL.stream().map(server -> {
            Optional<RealServer> running = SERVERS.running(server.kind());
            if (running.isEmpty()) {
                return dynamicTest(server.kind().name() + " runs here", () -> SERVERS.server(server.kind()));
            }
            return dynamicContainer(running.get().name() + " " + running.get().version(), RUNS.get(server).keySet()
                    .stream().map(profile -> dynamicTest(profile.propertyValue(), () -> check(server, running.get(), profile))));
        });
    }

    private static void check(MatrixServer server, RealServer running, Profile profile) throws IOException {
        Summary.TargetSummary summary = RUNS.get(server).get(profile).join();
        Map<String, Summary.CaseSummary> observed = CatalogueRun.cases(summary);
        Path file = VerdictFile.of(server.slug(), profile.propertyValue());
        if (Boolean.getBoolean(UPDATE_EXPECTATIONS)) {
            Map<String, VerdictFile.Line> previous = Files.exists(file) ? VerdictFile.read(file, CATALOGUE).lines() : Map.of();
            Files.createDirectories(file.getParent());
            Files.writeString(file, VerdictFile.render(header(running, profile), CATALOGUE, observed, previous),
                    StandardCharsets.UTF_8);
            System.out.println("[realservers] rewritten: " + file.toAbsolutePath());
        }
        List<String> mismatches = VerdictFile.read(file, CATALOGUE).mismatches(observed);
        if (!mismatches.isEmpty()) {
            fail(running.name() + " " + running.version() + " at " + summary.target() + " under " + profile + " does not "
                    + "match " + file + " (" + mismatches.size() + "; reports in target/realservers-runs/" + server.slug()
                    + "/" + profile + "):\n  " + String.join("\n  ", mismatches));
        }
    }

    private static List<String> header(RealServer running, Profile profile) {
        return List.of(
                "Expected verdicts of " + running.name() + " " + running.version() + " under " + profile + ", its listener",
                "configured with: " + running.configuration(profile.propertyValue()),
                "One line per case of the catalogue: CASE VERDICT WHY. VERDICT is PASS, FAIL, INCONCLUSIVE or N/A; WHY, for",
                "every verdict but PASS, is the reply of the transcript that proves it or why the case cannot be judged;",
                "'SUSPECT: ...' marks a verdict believed false (the suite wrong, not the server). Checked by",
                "RealServerMatrixTest; rewritten from a run with -D" + UPDATE_EXPECTATIONS + "=true (explanations are kept).");
    }

    /**
     * Every data file belongs to a server of the matrix and, where that server runs here, to one of its listeners; the
     * findings name cases their server FAILs or leaves INCONCLUSIVE.
     */
    @Test
    void everyDataFileBelongsToAListenerOfTheMatrix() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> servers = Files.list(VerdictFile.DIRECTORY)) {
            for (Path directory : servers.sorted().toList()) {
                Optional<MatrixServer> server = MatrixServer.ALL.stream()
                        .filter(s -> s.slug().equals(directory.getFileName().toString())).findFirst();
                if (server.isEmpty()) {
                    problems.add(directory + " is not the directory of a server of MatrixServer.ALL");
                    continue;
                }
                problems.addAll(Findings.problems(directory, server.get(), CATALOGUE));
                problems.addAll(strayFiles(directory, server.get()));
            }
        }
        assertThat(problems).as("data files under %s", VerdictFile.DIRECTORY).isEmpty();
    }

    private static List<String> strayFiles(Path directory, MatrixServer server) throws IOException {
        List<String> listeners = SERVERS.running(server.kind()).map(r -> List.copyOf(r.targets().keySet()))
                .orElse(Profile.of(Role.SERVER).stream().map(Profile::propertyValue).toList());
        List<String> allowed = new ArrayList<>(listeners.stream().map(p -> p + VerdictFile.SUFFIX).toList());
        allowed.add(Findings.FILE_NAME);
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> !allowed.contains(name)).sorted()
                    .map(name -> directory.resolve(name) + " is none of " + String.join(", ", allowed)).toList();
        }
    }
}
