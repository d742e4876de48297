package org.starttls.requirements;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.starttls.Suite;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/** The whole catalogue, in process, against the reference server in each profile: only PASS and NOT_APPLICABLE. */
class ReferenceServerCatalogueTest {

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static Path caPem;

    @BeforeAll
    static void pki() throws IOException {
        pki = TestPki.create();
        caPem = dir.resolve("ca.pem");
        pki.writeCaPem(caPem);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Profile.class, names = {"REQUIRE_TLS", "OFFER_TLS", "IMPLICIT_TLS"})
    void everyCasePassesOrDoesNotApply(Profile profile) {
        ServerOptions options = ServerOptions.builder(pki.server()).mode(ServerOptions.Mode.valueOf(profile.name())).build();
        try (ReferenceServer server = ReferenceServer.start(options)) {
            Summary summary = Suite.run(Map.of("smtp.target", server.target(), "smtp.profile", profile.propertyValue(),
                    "smtp.tls.trust", caPem.toString(), "smtp.timeout", "3s",
                    "smtp.report.dir", dir.resolve(profile.propertyValue()).toString()),
                    new PrintStream(OutputStream.nullOutputStream())).summary();
            List<Summary.CaseSummary> cases = summary.targets().get(0).results().stream()
                    .flatMap(r -> r.cases().stream()).toList();
            Map<Verdict, Long> counts = cases.stream()
                    .collect(Collectors.groupingBy(Summary.CaseSummary::verdict, TreeMap::new, Collectors.counting()));
            System.out.println("[catalogue] reference server, " + profile + ": " + cases.size() + " cases " + counts);
            assertThat(cases).allSatisfy(c -> assertThat(c.verdict())
                    .as("%s in %s: %s%n%s", c.name(), profile, c.detail(), c.transcript())
                    .isIn(Verdict.PASS, Verdict.NOT_APPLICABLE));
        }
    }
}
