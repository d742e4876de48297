package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.starttls.Suite;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * The verdicts a server gets, through the engine's one entry point: a run of the selected requirements against a
 * reference server or zoo variant on loopback, with or without the AUTH account the reference server knows.
 */
final class Judged {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static TestPki pki;
    private static Path caPem;

    /** With or without the AUTH account of the reference server ({@code smtp.auth.user} and password). */
    enum Account { GIVEN, NONE }

    private Judged() {
    }

    static synchronized TestPki pki() {
        if (pki == null) {
            pki = TestPki.create();
            try {
                Path dir = Files.createDirectories(Path.of("target", "judged"));
                caPem = dir.resolve("ca.pem");
                pki.writeCaPem(caPem);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pki;
    }

    /** {@code variant} in the mode of {@code profile}, judged on the requirements {@code select} names. */
    static Summary.TargetSummary variant(Variant variant, Profile profile, String select, Account account) {
        return server(variant.options(pki()).mode(ServerOptions.Mode.valueOf(profile.name())).build(), profile, select,
                account);
    }

    /** The reference server in require-tls mode with {@code behaviour}: a misbehaviour only one test needs. */
    static ServerOptions requireTls(Behaviour behaviour) {
        return ServerOptions.builder(pki().server()).mode(ServerOptions.Mode.REQUIRE_TLS).behaviour(behaviour).build();
    }

    static Summary.TargetSummary server(ServerOptions options, Profile profile, String select, Account account) {
        return run(options, profile, select, account).targets().get(0);
    }

    /** The whole summary, gate and exit code included. */
    static Summary run(ServerOptions options, Profile profile, String select, Account account) {
        pki();
        try (ReferenceServer server = ReferenceServer.start(options)) {
            Map<String, String> settings = new HashMap<>(Map.of("smtp.target", server.target(),
                    "smtp.profile", profile.propertyValue(), "smtp.tls.trust", caPem.toString(), "smtp.timeout", "3s",
                    "smtp.select", select,
                    "smtp.report.dir", Path.of("target", "judged", "run-" + RUNS.incrementAndGet()).toString()));
            if (account == Account.GIVEN) {
                settings.put("smtp.auth.user", ServerOptions.DEFAULT_AUTH_USER);
                settings.put("smtp.auth.password", ServerOptions.DEFAULT_AUTH_PASSWORD);
            }
            return Suite.run(settings, QUIET).summary();
        }
    }

    /**
     * The case {@code name} of requirement {@code id} (the requirement's id for its one unnamed script case), judged on
     * the reference server with {@code behaviour}, in the mode of {@code profile}.
     */
    static Summary.CaseSummary caseOf(Behaviour behaviour, Profile profile, String id, String name) {
        Summary.TargetSummary target = server(ServerOptions.builder(pki().server())
                .mode(ServerOptions.Mode.valueOf(profile.name())).behaviour(behaviour).build(), profile, id, Account.NONE);
        return result(target, id).cases().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no case " + name + " in " + result(target, id).cases()));
    }

    /** The result of requirement {@code id}. */
    static Summary.RequirementResult result(Summary.TargetSummary target, String id) {
        return target.results().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + id + " in " + target.results()));
    }

    /** What a reader of requirement {@code id} sees: its detail, then every case's, one a line. */
    static String details(Summary.TargetSummary target, String id) {
        Summary.RequirementResult r = result(target, id);
        return r.detail() + "\n" + String.join("\n", r.cases().stream().map(Summary.CaseSummary::detail).toList());
    }

    /** Asserts that requirement {@code id} got {@code verdict} and that what a reader sees says {@code why}. */
    static void assertJudged(Summary.TargetSummary target, String id, Verdict verdict, String... why) {
        String details = details(target, id);
        assertThat(result(target, id).verdict()).as(id + ":\n" + details).isEqualTo(verdict);
        assertThat(details).as(id).contains(why);
    }
}
