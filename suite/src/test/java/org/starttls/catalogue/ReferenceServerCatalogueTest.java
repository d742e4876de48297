package org.starttls.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.starttls.client.SmtpClient;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.run.CaseResult;
import org.starttls.run.ConformanceRun;
import org.starttls.run.SuiteConfig;
import org.starttls.run.TargetRun;
import org.starttls.run.Verdict;

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
    @EnumSource(Profile.class)
    void everyCasePassesOrDoesNotApply(Profile profile) {
        ServerOptions options = ServerOptions.builder(pki.server()).mode(ServerOptions.Mode.valueOf(profile.name())).build();
        try (ReferenceServer server = ReferenceServer.start(options)) {
            SuiteConfig config = SuiteConfig.from(Map.of("smtp.target", server.target(), "smtp.profile",
                    profile.propertyValue(), "smtp.tls.trust", caPem.toString(), "smtp.timeout", "3s"));
            List<CaseResult> results;
            try (SmtpClient client = new SmtpClient(config.clientSettings());
                 ConformanceRun run = new ConformanceRun(config, client, AllCases.load())) {
                TargetRun target = run.start().get(0);
                results = target.results().values().stream().map(CompletableFuture::join).toList();
            }
            Map<Verdict, Long> counts = results.stream()
                    .collect(Collectors.groupingBy(CaseResult::verdict, TreeMap::new, Collectors.counting()));
            System.out.println("[catalogue] reference server, " + profile + ": " + results.size() + " cases " + counts);
            assertThat(results).allSatisfy(r -> assertThat(r.verdict())
                    .as("%s in %s: %s%n%s", r.caseName(), profile, r.detail(), r.transcript())
                    .isIn(Verdict.PASS, Verdict.NOT_APPLICABLE));
        }
    }
}
