package org.starttls.many;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.RunResult;
import org.starttls.Suite;
import org.starttls.fixtures.dns.LoopbackDnsServer;
import org.starttls.fixtures.dns.Zone;
import org.starttls.fixtures.pki.CertificateSpec;
import org.starttls.fixtures.pki.Credential;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ConnectionLog;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * {@code smtp.mx} end to end, with no network beyond loopback: a DNS server on 127.0.0.1 that the test starts serves the
 * zone, and reference servers listen on 127.0.0.1, 127.0.0.2 and ::1, all on one port ({@code smtp.mx.port}, as MX
 * hosts all listen on 25). {@code one.test} has two MX hosts, the first with an A and an AAAA record;
 * {@code two.test}'s MX host has the address of {@code one.test}'s second; {@code null.test} publishes a null MX;
 * {@code gone.test} does not exist.
 */
class MxRunTest {

    private static final List<String> ADDRESSES = List.of("127.0.0.1", "::1", "127.0.0.2");
    private static final String SELECT = "RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS,RFC3207-4-MUSTNOT-REQUIRE-TLS-PUBLIC-MX";

    @TempDir
    static Path dir;

    private static LoopbackDnsServer dns;
    private static SamePortServers servers;
    private static final Map<String, ConnectionLog> LOGS = new HashMap<>();
    private static Path ca;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.create();
        ca = dir.resolve("ca.pem");
        pki.writeCaPem(ca);
        Credential mx1Certificate = pki.issue(CertificateSpec.named("mx1.one.test").dnsNames("mx1.one.test"));
        // the shared address names only the second of its MX names, not the one sent as SNI
        Credential sharedCertificate = pki.issue(CertificateSpec.named("mx2.one.test").dnsNames("mx2.one.test"));
        Function<java.net.InetSocketAddress, ServerOptions> options = bind -> {
            ConnectionLog log = new ConnectionLog();
            String address = bind.getAddress().getHostAddress().replace("0:0:0:0:0:0:0:1", "::1");
            LOGS.put(address, log);
            Credential certificate = address.equals("127.0.0.2") ? sharedCertificate : mx1Certificate;
            return ServerOptions.builder(certificate).mode(ServerOptions.Mode.OFFER_TLS).behaviour(log).bind(bind).build();
        };
        servers = SamePortServers.start(ADDRESSES, options);
        dns = LoopbackDnsServer.start(Zone.builder()
                .mx("one.test", 10, "mx1.one.test").mx("one.test", 20, "mx2.one.test")
                .a("mx1.one.test", "127.0.0.1").aaaa("mx1.one.test", "::1").a("mx2.one.test", "127.0.0.2")
                .mx("two.test", 10, "mx.shared.test").a("mx.shared.test", "127.0.0.2")
                .nullMx("null.test")
                .build());
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private static Map<String, String> settings(String report) {
        Map<String, String> settings = new HashMap<>();
        settings.put("smtp.mx", "one.test, two.test, null.test, gone.test");
        settings.put("smtp.dns.server", dns.hostPort());
        settings.put("smtp.mx.port", String.valueOf(servers.port()));
        settings.put("smtp.tls.trust", ca.toString());
        settings.put("smtp.select", SELECT);
        settings.put("smtp.report.dir", dir.resolve(report).toString());
        return settings;
    }

    @Test
    void everyAddressOfEveryMxHostIsOneTargetTestedOnceAndReportedPerDomain() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunResult result = Suite.run(settings("mx"), new PrintStream(console, true, StandardCharsets.UTF_8));
        Summary summary = result.summary();
        int port = servers.port();
        String shared = "127.0.0.2:" + port;

        assertThat(summary.targets()).extracting(Summary.TargetSummary::key)
                .containsExactly("127.0.0.1:" + port, "127.0.0.2:" + port, "[::1]:" + port);
        assertThat(summary.targets()).allSatisfy(t -> {
            assertThat(t.profile()).isEqualTo(Profile.OFFER_TLS);
            assertThat(t.error()).as(t.key()).isNull();
            assertThat(t.results()).allSatisfy(r -> assertThat(r.verdict()).as(t.key() + " " + r.id()).isEqualTo(Verdict.PASS));
        });
        Summary.TargetSummary sharedTarget = target(summary, shared);
        assertThat(sharedTarget.domains()).containsExactly("one.test", "two.test");
        assertThat(sharedTarget.serverNames()).containsExactly("mx.shared.test", "mx2.one.test");
        assertThat(sharedTarget.origins()).extracting(Summary.Origin::text)
                .containsExactlyInAnyOrder("MX 20 mx2.one.test of one.test", "MX 10 mx.shared.test of two.test");
        assertThat(sharedTarget.facts().sniName()).as("SNI: the first of its names").isEqualTo("mx.shared.test");
        assertThat(target(summary, "[::1]:" + port).serverNames()).containsExactly("mx1.one.test");

        // tested once: the shared server saw as many sessions as each server that only one domain uses
        int once = LOGS.get("127.0.0.1").connections().size();
        assertThat(once).isPositive();
        assertThat(LOGS.get("127.0.0.2").connections()).hasSize(once);
        assertThat(LOGS.get("::1").connections()).hasSize(once);

        assertThat(summary.domains()).extracting(Summary.DomainSummary::domain, Summary.DomainSummary::status,
                Summary.DomainSummary::passed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("gone.test", "FAILED", false),
                org.assertj.core.groups.Tuple.tuple("null.test", "NULL_MX", true),
                org.assertj.core.groups.Tuple.tuple("one.test", "TESTABLE", true),
                org.assertj.core.groups.Tuple.tuple("two.test", "TESTABLE", true));
        assertThat(domain(summary, "one.test").targets())
                .containsExactly("127.0.0.1:" + port, "127.0.0.2:" + port, "[::1]:" + port);
        assertThat(domain(summary, "two.test").targets()).containsExactly(shared);
        assertThat(domain(summary, "one.test").hosts()).extracting(Summary.MxHost::name, Summary.MxHost::addresses)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mx1.one.test", List.of("127.0.0.1", "::1")),
                        org.assertj.core.groups.Tuple.tuple("mx2.one.test", List.of("127.0.0.2")));

        // a domain that does not exist could not be evaluated; a null MX is information only
        assertThat(result.exit()).isEqualTo(ExitCode.NOT_EVALUATED);
        assertThat(summary.gate().reasons()).singleElement().asString()
                .startsWith("domain gone.test: gone.test does not exist (NXDOMAIN)");
        assertThat(dns.queries()).extracting(LoopbackDnsServer.Query::toString)
                .contains("one.test/MX/UDP", "two.test/MX/UDP", "mx2.one.test/A/UDP", "mx1.one.test/AAAA/UDP");
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("[smtp] resolving the MX hosts of 4 domains with " + dns.hostPort() + ": at most")
                .contains("[smtp] MX null.test publishes a null MX")
                .contains("[smtp] time bound: about");
        assertThat(Files.readString(dir.resolve("mx").resolve("summary.json"))).contains("\"domains\"", "\"origins\"");
    }

    /** The certificate of an address that is the MX of two domains may name either MX host: no false name FAIL. */
    @Test
    void aSharedMxAddressMayCarryAnyOfItsMxNames() throws Exception {
        Map<String, String> settings = settings("names");
        settings.put("smtp.select", "RFC7817-3-MUST-CERT-NAME");
        settings.put("smtp.tls.strict", "true");

        Summary summary = Suite.run(settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .summary();

        assertThat(summary.targets()).allSatisfy(t -> assertThat(t.results()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("RFC7817-3-MUST-CERT-NAME");
            assertThat(r.verdict()).as(t.key() + ": " + r.detail()).isEqualTo(Verdict.PASS);
        }));
        assertThat(target(summary, "127.0.0.2:" + servers.port()).results().get(0).detail())
                .contains("DNS subjectAltName mx2.one.test matches mx2.one.test");
    }

    /** A listed server that is also a domain's MX must have the MX's profile: one server, one profile. */
    @Test
    void aListedServerWithAnotherProfileThanItsMxRoleIsAConfigurationError() {
        Map<String, String> settings = settings("conflict");
        settings.put("smtp.target", "127.0.0.2:" + servers.port());
        settings.put("smtp.profile", "require-tls");

        RunResult result = Suite.run(settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(result.exit()).isEqualTo(ExitCode.CONFIGURATION_ERROR);
        assertThat(result.summary().gate().reasons()).singleElement().asString().isEqualTo("127.0.0.2:" + servers.port()
                + " is require-tls as smtp.target:1 but offer-tls as MX 20 mx2.one.test of one.test; give one server one "
                + "profile (a public MX is offer-tls: RFC 3207 §4 forbids it to require TLS)");
    }

    private static Summary.TargetSummary target(Summary summary, String key) {
        return summary.targets().stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
    }

    private static Summary.DomainSummary domain(Summary summary, String domain) {
        return summary.domains().stream().filter(d -> d.domain().equals(domain)).findFirst().orElseThrow();
    }
}
