package org.starttls.many;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.Suite;
import org.starttls.cli.Main;
import org.starttls.fixtures.dns.LoopbackDnsServer;
import org.starttls.fixtures.dns.Zone;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions.Mode;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;
import org.starttls.summary.Verdict;

/**
 * {@code smtp.shard=i/n} and {@code merge}: the same targets run once, and run as four shards whose report folders the
 * command-line tool merges, give exactly the same verdicts, domains and gate. The targets: seven listed servers on
 * 127.0.0.11 to 127.0.0.17 (the reference server in each mode and zoo variants, each with its profile in the targets
 * file), and five {@code smtp.mx} domains whose MX hosts are a reference server (127.0.0.2) and a public MX that
 * requires TLS (127.0.0.3), a domain that does not exist and one with a null MX. {@code a.test} and {@code b.test} share
 * 127.0.0.2 and land in different shards, so the merge has to make one target of two shards' results.
 */
class ShardedRunTest {

    private static final int SHARDS = 4;
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    static Path dir;

    private static final List<ReferenceServer> LISTED = new ArrayList<>();
    private static SamePortServers mx;
    private static LoopbackDnsServer dns;
    private static Map<String, String> settings;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.create();
        Path ca = dir.resolve("ca.pem");
        pki.writeCaPem(ca);
        List<ServerOptions.Builder> listed = List.of(
                ServerOptions.builder(pki.server()).mode(Mode.REQUIRE_TLS),
                ServerOptions.builder(pki.server()).mode(Mode.OFFER_TLS),
                ServerOptions.builder(pki.server()).mode(Mode.IMPLICIT_TLS),
                Variant.MAIL_ACCEPTED_BEFORE_TLS.options(pki),
                Variant.STARTTLS_ADVERTISED_IN_TLS.options(pki),
                Variant.EXPIRED_CERTIFICATE.options(pki),
                Variant.STARTTLS_OFFERED_IN_IMPLICIT_TLS.options(pki));
        StringBuilder file = new StringBuilder("# the listed servers, one a line, each with its profile\n");
        for (int i = 0; i < listed.size(); i++) {
            ReferenceServer server = ReferenceServer.start(listed.get(i)
                    .bind(new InetSocketAddress("127.0.0." + (11 + i), 0)).build());
            LISTED.add(server);
            file.append(server.target()).append("  ").append(server.options().mode().name().toLowerCase().replace('_', '-'))
                    .append('\n');
        }
        Path targets = Files.writeString(dir.resolve("targets.txt"), file.toString());
        mx = SamePortServers.start(List.of("127.0.0.2", "127.0.0.3"), bind -> (bind.getAddress().getHostAddress()
                .equals("127.0.0.2") ? ServerOptions.builder(pki.server()).mode(Mode.OFFER_TLS)
                : Variant.TLS_REQUIRED_ON_PUBLIC_MX.options(pki)).bind(bind).build());
        dns = LoopbackDnsServer.start(Zone.builder()
                .mx("a.test", 10, "mx.a.test").a("mx.a.test", "127.0.0.2")
                .mx("b.test", 10, "mx1.b.test").mx("b.test", 20, "mx2.b.test")
                .a("mx1.b.test", "127.0.0.2").a("mx2.b.test", "127.0.0.3")
                .mx("c.test", 5, "mx.c.test").a("mx.c.test", "127.0.0.3")
                .nullMx("null.test")
                .build());
        settings = new HashMap<>(Map.of(
                "smtp.targets.file", targets.toString(),
                "smtp.mx", "a.test,b.test,c.test,gone.test,null.test",
                "smtp.dns.server", dns.hostPort(),
                "smtp.mx.port", String.valueOf(mx.port()),
                "smtp.tls.trust", ca.toString(),
                "smtp.tls.servername", "localhost"));
    }

    @AfterAll
    static void stop() {
        LISTED.forEach(ReferenceServer::close);
        if (mx != null) {
            mx.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private static CompletableFuture<Summary> run(String report, String shard) {
        Map<String, String> props = new HashMap<>(settings);
        props.put("smtp.report.dir", dir.resolve(report).toString());
        if (shard != null) {
            props.put("smtp.shard", shard);
        }
        return CompletableFuture.supplyAsync(() -> Suite.run(props, QUIET).summary());
    }

    @Test
    void fourShardsMergedGiveExactlyTheVerdictsOfOneRun() throws Exception {
        CompletableFuture<Summary> single = run("single", null);
        List<CompletableFuture<Summary>> shards = IntStream.rangeClosed(1, SHARDS)
                .mapToObj(i -> run("shard-" + i, i + "/" + SHARDS)).toList();
        CompletableFuture.allOf(shards.toArray(CompletableFuture[]::new)).join();
        String shared = "127.0.0.2:" + mx.port();
        assertThat(shards.stream().map(CompletableFuture::join)
                .filter(s -> s.targets().stream().anyMatch(t -> t.key().equals(shared))).count())
                .as("a.test and b.test, which share " + shared + ", are in different shards").isEqualTo(2);

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("merge", dir.resolve("merged").toString()));
        IntStream.rangeClosed(1, SHARDS).forEach(i -> args.add(dir.resolve("shard-" + i).toString()));
        int exit = Main.execute(new PrintStream(console, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        Summary merged = SummaryJson.read(dir.resolve("merged").resolve(SummaryJson.FILE_NAME));
        Summary one = single.join();

        assertThat(verdicts(merged)).isEqualTo(verdicts(one));
        assertThat(merged.targets()).extracting(Summary.TargetSummary::key)
                .containsExactlyElementsOf(one.targets().stream().map(Summary.TargetSummary::key).toList());
        assertThat(merged.targets()).extracting(Summary.TargetSummary::domains)
                .containsExactlyElementsOf(one.targets().stream().map(Summary.TargetSummary::domains).toList());
        assertThat(merged.domains()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(one.domains());
        assertThat(merged.gate().exit()).isEqualTo(one.gate().exit()).isEqualTo(ExitCode.GATE_FAILED);
        assertThat(timeless(merged.gate().reasons())).containsExactlyInAnyOrderElementsOf(timeless(one.gate().reasons()));
        assertThat(exit).isEqualTo(ExitCode.GATE_FAILED.code());
        assertThat(merged.fingerprint()).isEqualTo(one.fingerprint());
        assertThat(merged.shard()).isNull();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("[smtp] merged 4 shards: 9 targets, 5 domains");
        assertThat(dir.resolve("merged").resolve("compliance-report.html")).exists();
    }

    /** The reasons without the clock readings of the certificate checks ("expired at X (now Y)"). */
    private static List<String> timeless(List<String> reasons) {
        return reasons.stream().map(r -> r.replaceAll("\\(now [^)]*\\)", "(now)")).toList();
    }

    /** Per target key: whether it was evaluated, and every requirement's verdict. */
    private static Map<String, Map<String, Verdict>> verdicts(Summary summary) {
        Map<String, Map<String, Verdict>> all = new LinkedHashMap<>();
        for (Summary.TargetSummary t : summary.targets()) {
            Map<String, Verdict> verdicts = new LinkedHashMap<>();
            verdicts.put("(evaluated)", t.error() == null ? Verdict.PASS : Verdict.INCONCLUSIVE);
            t.results().forEach(r -> verdicts.put(r.id(), r.verdict()));
            all.put(t.key(), verdicts);
        }
        return all;
    }
}
