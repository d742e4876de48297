package org.starttls.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.RunResult;
import org.starttls.Suite;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Profile;
import org.starttls.targets.PlannedTarget;
import org.starttls.targets.PolitenessLimits;
import org.starttls.targets.Shard;

/** The many-targets settings: smtp.targets.file, smtp.mx, smtp.dns.server, smtp.mx.port, smtp.shard, smtp.rate. */
class TargetSettingsTest {

    @TempDir
    Path dir;

    @Test
    void listedTargetsComeFromThePropertyThenTheFileEachServerOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("targets.txt"), """
                # relays
                relay.example.org:587
                mx.example.org:25   offer-tls   # the public MX
                Relay.Example.org.:587
                """.replace("Relay.Example.org.:587", "192.0.2.7:465 implicit-tls"));
        SuiteConfig c = SuiteConfig.from(Map.of("smtp.target", "relay.example.org:587", "smtp.targets.file", file.toString()));

        assertThat(c.targets().listed()).extracting(PlannedTarget::toString).containsExactly(
                "relay.example.org:587 require-tls", "mx.example.org:25 offer-tls", "192.0.2.7:465 implicit-tls");
        assertThat(c.targets().listed().get(0).origins()).extracting(o -> o.describe())
                .containsExactly("smtp.target:1", "targets.txt:2");
        assertThat(c.embedded()).isFalse();
        assertThat(c.targets().shard()).isEqualTo(Shard.ALL);
        assertThat(c.targets().mxPort()).isEqualTo(25);
    }

    @Test
    void domainsResolverPortAndShard() {
        SuiteConfig c = SuiteConfig.from(Map.of("smtp.mx", "Example.ORG, b\u00fccher.example", "smtp.dns.server", "127.0.0.1:5353",
                "smtp.mx.port", "2525", "smtp.shard", "2/4"));

        assertThat(c.targets().mxDomains()).containsExactly("example.org", "xn--bcher-kva.example");
        assertThat(c.targets().dns().orElseThrow().describeServers()).isEqualTo("127.0.0.1:5353");
        assertThat(c.targets().mxPort()).isEqualTo(2525);
        assertThat(c.targets().shard()).isEqualTo(new Shard(2, 4));
        assertThat(c.embedded()).isFalse();
    }

    @Test
    void politenessDefaultsAreAppliedPerFieldForRemoteAndLoopbackServers() {
        SuiteConfig defaults = SuiteConfig.from(Map.of());
        assertThat(defaults.politeness().remote()).isEqualTo(PolitenessLimits.defaults());
        assertThat(defaults.politeness().loopback()).isEqualTo(PolitenessLimits.loopbackDefaults());

        SuiteConfig sessions = SuiteConfig.from(Map.of("smtp.concurrency", "8"));
        assertThat(sessions.politeness().remote()).isEqualTo(new PolitenessLimits(8, 10, Duration.ofMinutes(1)));
        assertThat(sessions.politeness().loopback().describe()).isEqualTo("8 sessions at once, no rate limit");

        assertThat(SuiteConfig.from(Map.of("smtp.rate", "30")).politeness().loopback().describe())
                .isEqualTo("4 sessions at once, 30 per 60 s");
        assertThat(SuiteConfig.from(Map.of("smtp.rate", "5/2s")).politeness().remote().describe())
                .isEqualTo("2 sessions at once, 5 per 2 s");
        assertThat(SuiteConfig.from(Map.of("smtp.rate", "none")).politeness().remote().describe())
                .isEqualTo("2 sessions at once, no rate limit");
        assertThat(SuiteConfig.from(Map.of("smtp.rate", " 30 / 1.5s ", "smtp.concurrency", " 3 ")).politeness().remote())
                .isEqualTo(new PolitenessLimits(3, 30, Duration.ofMillis(1500)));
        assertThat(SuiteConfig.from(Map.of("smtp.rate", "10000/3600000ms")).politeness().remote())
                .isEqualTo(new PolitenessLimits(2, 10_000, Duration.ofHours(1)));
    }

    @Test
    void refusesEachMistakeInOneSentence() throws Exception {
        Path conflicting = Files.writeString(dir.resolve("conflicting.txt"), "mail.example.org:25 offer-tls\n");
        assertRefused(Map.of("smtp.target", "mail.example.org:25", "smtp.targets.file", conflicting.toString()),
                "mail.example.org:25 is require-tls as smtp.target:1 but offer-tls as conflicting.txt:1; give one server one "
                        + "profile (a public MX is offer-tls: RFC 3207 §4 forbids it to require TLS)");
        Path broken = Files.writeString(dir.resolve("broken.txt"), "mail.example.org\n");
        assertRefused(Map.of("smtp.targets.file", broken.toString()), "smtp.targets.file: broken.txt:1: missing port");
        assertRefused(Map.of("smtp.targets.file", dir.resolve("none.txt").toString()), "smtp.targets.file: ");
        assertRefused(Map.of("smtp.mx", "mail.example.org:25"), "smtp.mx: ");
        assertRefused(Map.of("smtp.dns.server", "127.0.0.1:53"), "smtp.dns.server=127.0.0.1:53 is the resolver for smtp.mx, "
                + "which is not set; give smtp.mx=example.org or leave smtp.dns.server out");
        assertRefused(Map.of("smtp.mx", "example.org", "smtp.dns.server", "dns.example.org"), "smtp.dns.server: ");
        assertRefused(Map.of("smtp.mx", "example.org", "smtp.mx.port", "25000000"), "smtp.mx.port='25000000' is not a port "
                + "from 1 to 65535; leave it out for 25, where MX hosts receive mail");
        assertRefused(Map.of("smtp.target", "mail.example.org:25", "smtp.shard", "5/4"), "smtp.shard: shard 5/4 does not exist");
        assertRefused(Map.of("smtp.shard", "1/2"), "smtp.shard=1/2 divides smtp.target, smtp.targets.file and smtp.mx, and "
                + "none of them is set; give the targets or leave smtp.shard out");
        assertRefused(Map.of("smtp.concurrency", "51"), "smtp.concurrency='51' must be a whole number from 1 to 50");
        assertRefused(Map.of("smtp.rate", "fast"), "smtp.rate='fast' is not a rate from 1 to 10000 sessions; write sessions "
                + "per minute and server address such as 10, a number per window such as 30/60s, or none");
        assertRefused(Map.of("smtp.rate", "10/500ms"), "smtp.rate='10/500ms' has a window outside 1s..3600s");
        assertRefused(Map.of("smtp.rate", "10/soon"), "smtp.rate='10/soon' has no window after the /");
        assertRefused(Map.of("smtp.rate", "10001"), "smtp.rate='10001' is not a rate from 1 to 10000 sessions");
        assertRefused(Map.of("smtp.rate", "0/60s"), "smtp.rate='0/60s' is not a rate from 1 to 10000 sessions");
    }

    private static void assertRefused(Map<String, String> props, String start) {
        assertThatThrownBy(() -> SuiteConfig.from(props)).isInstanceOf(ConfigException.class).hasMessageStartingWith(start)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** A shard that the split leaves empty passes with an empty summary, and connects to nothing. */
    @Test
    void anEmptyShardPassesWithAnEmptySummary() {
        // one listed host: shard 1 of 2 has it, shard 2 has nothing (192.0.2.1 is TEST-NET: nothing may connect to it)
        RunResult result = Suite.run(Map.of("smtp.target", "192.0.2.1:25", "smtp.shard", "2/2",
                "smtp.report.dir", dir.resolve("report").toString()), new PrintStream(OutputStream.nullOutputStream()));

        assertThat(result.exit()).isEqualTo(ExitCode.PASSED);
        assertThat(result.summary().targets()).isEmpty();
        assertThat(result.summary().shard()).isEqualTo("2/2");
        assertThat(result.summary().settings()).containsEntry("smtp.target", "192.0.2.1:25");
        assertThat(Profile.REQUIRE_TLS.propertyValue()).isEqualTo(result.summary().settings().get("smtp.profile"));
    }
}
