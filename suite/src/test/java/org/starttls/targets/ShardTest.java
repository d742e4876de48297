package org.starttls.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.starttls.client.Target;
import org.starttls.summary.Profile;

/** The shard properties on a few thousand generated lists from a fixed seed, then the choices for targets and domains. */
class ShardTest {

    private static final long SEED = 3207;
    private static final int RUNS = 2_000;

    /** Keys with repeats, case and structure like real ones. */
    private static List<String> keys(Random random) {
        int size = random.nextInt(60);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            keys.add(random.nextInt(4) == 0 && !keys.isEmpty() ? keys.get(random.nextInt(keys.size()))
                    : "mx" + random.nextInt(500) + (random.nextBoolean() ? ".example.org" : ".example.net"));
        }
        return keys;
    }

    /** The units as {@code smtp.mx} domains, split by {@link TargetSources#shard}: what the run divides. */
    private static Map<Integer, List<String>> split(List<String> units, int count) {
        TargetSources sources = new TargetSources(List.of(), units);
        Map<Integer, List<String>> parts = new HashMap<>();
        for (int i = 1; i <= count; i++) {
            parts.put(i, sources.shard(new Shard(i, count)).domains());
        }
        return parts;
    }

    @Test
    void everyUnitIsInExactlyOneShard() {
        Random random = new Random(SEED);
        for (int run = 0; run < RUNS; run++) {
            List<String> units = keys(random);
            int count = 1 + random.nextInt(8);
            List<String> all = split(units, count).values().stream().flatMap(List::stream).collect(Collectors.toList());
            Collections.sort(all);
            List<String> expected = new ArrayList<>(units);
            Collections.sort(expected);
            assertThat(all).as("units %s in %d shards", units, count).isEqualTo(expected);
        }
    }

    @Test
    void theSplitDoesNotDependOnInputOrder() {
        Random random = new Random(SEED + 1);
        for (int run = 0; run < RUNS; run++) {
            List<String> units = keys(random);
            List<String> shuffled = new ArrayList<>(units);
            Collections.shuffle(shuffled, random);
            int count = 1 + random.nextInt(8);
            Map<String, Integer> a = Shard.assign(count, units);
            Map<String, Integer> b = Shard.assign(count, shuffled);
            assertThat(b).as("units %s", units).isEqualTo(a);
        }
    }

    @Test
    void equalKeysShareAShardAndShardsDifferByOneKeyAtMost() {
        Random random = new Random(SEED + 2);
        for (int run = 0; run < RUNS; run++) {
            List<String> units = keys(random);
            int count = 1 + random.nextInt(8);
            Map<Integer, List<String>> parts = split(units, count);
            List<Integer> distinctSizes = parts.values().stream().map(p -> new TreeSet<>(p).size()).toList();
            assertThat(Collections.max(distinctSizes) - Collections.min(distinctSizes)).as("units %s", units).isLessThanOrEqualTo(1);
            for (String key : new TreeSet<>(units)) {
                long holders = parts.values().stream().filter(p -> p.contains(key)).count();
                assertThat(holders).isEqualTo(1);
                assertThat(parts.values().stream().filter(p -> p.contains(key)).findFirst().orElseThrow()
                        .stream().filter(key::equals).count()).isEqualTo(Collections.frequency(units, key));
            }
        }
    }

    @Test
    void theSplitIsFixedKnowledge() {
        // the same list must give the same split on every machine and JVM: pinned here
        List<String> units = List.of("mx d.example", "host b.example", "mx a.example", "host c.example", "mx e.example");
        assertThat(Shard.assign(2, units)).containsExactly(Map.entry("host b.example", 1), Map.entry("host c.example", 2),
                Map.entry("mx a.example", 1), Map.entry("mx d.example", 2), Map.entry("mx e.example", 1));
        TargetSources sources = new TargetSources(List.of(listed("b.example:25", 1), listed("c.example:25", 2)),
                List.of("d.example", "a.example", "e.example"));
        TargetSources second = sources.shard(new Shard(2, 2));
        assertThat(second.listed()).extracting(PlannedTarget::key).containsExactly("c.example:25");
        assertThat(second.domains()).containsExactly("d.example");
    }

    private static PlannedTarget listed(String target, int line) {
        return PlannedTarget.listed(Target.parse(target), Profile.OFFER_TLS, "targets.txt", line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0/4|shard 0/4 does not exist; write i/n with 1 <= i <= n, for example 2/4 for the second of four",
        "5/4|shard 5/4 does not exist",
        "1/0|shard 1/0 does not exist",
        "2|'2' is not a shard; write i/n with 1 <= i <= n, for example 2/4 for the second of four",
        "half|'half' is not a shard",
        "-1/2|'-1/2' is not a shard",
    })
    void aShardIsIOfN(String value, String message) {
        assertThatThrownBy(() -> Shard.parse(value)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void parsesAndPrints() {
        assertThat(Shard.parse(" 2 / 4 ")).isEqualTo(new Shard(2, 4)).hasToString("2/4");
        assertThat(Shard.parse("1/1").isAll()).isTrue();
    }

    @Test
    void sourcesAreShardedBeforeDnsWithDomainsAndHostsAsUnits() {
        List<PlannedTarget> listed = List.of(
                PlannedTarget.listed(Target.parse("relay.example:587"), Profile.REQUIRE_TLS, "targets.txt", 1),
                PlannedTarget.listed(Target.parse("RELAY.example:465"), Profile.IMPLICIT_TLS, "targets.txt", 2),
                PlannedTarget.listed(Target.parse("other.example:25"), Profile.OFFER_TLS, "targets.txt", 3));
        List<String> domains = IntStream.rangeClosed(1, 7).mapToObj(i -> "d" + i + ".example").toList();
        TargetSources sources = new TargetSources(listed, domains);

        List<TargetSources> shards = IntStream.rangeClosed(1, 3).mapToObj(i -> sources.shard(new Shard(i, 3))).toList();

        assertThat(shards.stream().flatMap(s -> s.domains().stream()).sorted().toList()).isEqualTo(domains);
        assertThat(shards.stream().mapToInt(s -> s.listed().size()).sum()).isEqualTo(3);
        TargetSources withRelay = shards.stream().filter(s -> s.listed().stream().anyMatch(t -> t.key().startsWith("relay")))
                .findFirst().orElseThrow();
        assertThat(withRelay.listed()).extracting(PlannedTarget::key).contains("relay.example:587", "relay.example:465");
        // 9 units (2 hosts, 7 domains) on 3 shards: 3 each
        assertThat(shards).allSatisfy(s -> assertThat(s.domains().size() + Set.copyOf(s.listed().stream()
                .map(t -> t.target().host().toLowerCase()).toList()).size()).isEqualTo(3));
        assertThat(sources.shard(Shard.ALL)).isSameAs(sources);
        assertThat(new TargetSources(List.of(), List.of()).isEmpty()).isTrue();
    }
}
