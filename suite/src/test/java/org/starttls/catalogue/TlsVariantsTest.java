package org.starttls.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.starttls.client.SmtpClient;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.run.CaseResult;
import org.starttls.run.ConformanceRun;
import org.starttls.run.SuiteConfig;
import org.starttls.run.Verdict;

/**
 * Each TLS-level variant, against the whole catalogue: exactly its requirement FAILs (the reference server passes it,
 * see {@link ReferenceServerCatalogueTest}).
 */
class TlsVariantsTest {

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

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of(Variant.EXPIRED_CERTIFICATE, Profile.REQUIRE_TLS, Set.of(TlsRequirements.CERT_VALIDITY)),
                Arguments.of(Variant.EXPIRED_CERTIFICATE, Profile.OFFER_TLS, Set.of(TlsRequirements.OPPORTUNISTIC_CERT)),
                Arguments.of(Variant.WRONG_NAME_CERTIFICATE, Profile.REQUIRE_TLS, Set.of(TlsRequirements.CERT_NAME)),
                Arguments.of(Variant.SELF_SIGNED_CERTIFICATE, Profile.REQUIRE_TLS, Set.of(TlsRequirements.CERT_CHAIN)),
                Arguments.of(Variant.WEAK_KEY_CERTIFICATE, Profile.REQUIRE_TLS, Set.of(TlsRequirements.KEY_STRENGTH)),
                Arguments.of(Variant.SHA1_SIGNED_CERTIFICATE, Profile.REQUIRE_TLS, Set.of(TlsRequirements.SIGNATURE)),
                Arguments.of(Variant.TLS13_REFUSED, Profile.REQUIRE_TLS, Set.of(TlsRequirements.TLS13)),
                Arguments.of(Variant.TLS12_REFUSED, Profile.REQUIRE_TLS, Set.of(TlsRequirements.TLS12)),
                Arguments.of(Variant.STARTTLS_OFFERED_IN_IMPLICIT_TLS, Profile.IMPLICIT_TLS,
                        Set.of(TlsRequirements.IMPLICIT_NO_STARTTLS)),
                // a plaintext port breaks both implicit-TLS rules at once: it greets first and answers plaintext EHLO
                Arguments.of(Variant.PLAINTEXT_ON_IMPLICIT_PORT, Profile.IMPLICIT_TLS,
                        Set.of(TlsRequirements.IMPLICIT_HANDSHAKE_FIRST, TlsRequirements.IMPLICIT_NO_PLAINTEXT)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("variants")
    void exactlyItsRequirementFails(Variant variant, Profile profile, Set<String> expected) {
        try (ReferenceServer server = ReferenceServer.start(variant.options(pki)
                .mode(org.starttls.fixtures.server.ServerOptions.Mode.valueOf(profile.name())).build())) {
            SuiteConfig config = SuiteConfig.from(Map.of("smtp.target", server.target(), "smtp.profile",
                    profile.propertyValue(), "smtp.tls.trust", caPem.toString(), "smtp.timeout", "3s"));
            List<CaseResult> results;
            try (SmtpClient client = new SmtpClient(config.clientSettings());
                 ConformanceRun run = new ConformanceRun(config, client, AllCases.load())) {
                results = run.start().get(0).results().values().stream().map(CompletableFuture::join).toList();
            }
            List<String> failed = results.stream().filter(r -> r.verdict() == Verdict.FAIL)
                    .map(r -> r.requirement().id()).distinct().toList();
            System.out.println("[tls-variant] " + variant + " in " + profile + ": FAIL " + failed);
            assertThat(failed).as("requirements that FAIL against %s: %s", variant, results.stream()
                    .filter(r -> r.verdict() == Verdict.FAIL || expected.contains(r.requirement().id()))
                    .map(r -> r.caseName() + " " + r.verdict() + ": " + r.detail()).toList())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
