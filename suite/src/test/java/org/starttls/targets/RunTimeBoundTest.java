package org.starttls.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunTimeBoundTest {

    @Test
    void oneRealMxWithTheDefaultsTakesAtLeastNineMinutes() {
        PolitenessLimits defaults = PolitenessLimits.defaults();
        Duration budget = Duration.ofSeconds(60);

        assertThat(RunTimeBound.minimum(100, defaults)).isEqualTo(Duration.ofMinutes(9));
        // 9 windows of a minute, each after a session of up to a minute, and 100 sessions one at a time
        assertThat(RunTimeBound.maximum(100, defaults, budget)).isEqualTo(Duration.ofMinutes(9 * 2 + 100));
        assertThat(RunTimeBound.minimum(10, defaults)).isZero();
        assertThat(RunTimeBound.minimum(11, defaults)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RunTimeBound.maximum(0, defaults, budget)).isZero();
        assertThat(RunTimeBound.maximum(1, defaults, budget)).isEqualTo(budget);
    }

    @Test
    void theRunIsBoundByItsBusiestAddress() {
        Map<String, Integer> sessions = Map.of("192.0.2.1", 200, "2001:db8::1", 100);

        RunTimeBound bound = RunTimeBound.of(sessions, PolitenessLimits.defaults(), Duration.ofSeconds(60));
        assertThat(bound.minimum()).isEqualTo(Duration.ofMinutes(19));
        assertThat(bound.maximum()).isEqualTo(Duration.ofMinutes(19 * 2 + 200));
        assertThat(bound.describe()).isEqualTo("300 sessions to 2 addresses: at least 19 min, at most 3 h 58 min");
        assertThat(RunTimeBound.human(bound.maximum().plusSeconds(30), true)).isEqualTo("3 h 59 min");
        assertThat(RunTimeBound.human(bound.maximum().plusSeconds(30), false)).isEqualTo("3 h 58 min");
        assertThat(RunTimeBound.of(Map.of(), PolitenessLimits.defaults(), Duration.ofSeconds(60)).describe())
                .isEqualTo("0 sessions to 0 addresses: at least 0 s, at most 0 s");
    }

    @Test
    void withoutARateLimitOnlyTheSessionsAtOnceCount() {
        PolitenessLimits loopback = PolitenessLimits.loopbackDefaults();
        Duration budget = Duration.ofSeconds(60);

        assertThat(RunTimeBound.minimum(131, loopback)).isZero();
        // 3 places for first sessions (the fourth is kept for a case's second): 44 steps of a budget
        assertThat(RunTimeBound.maximum(131, loopback, budget)).isEqualTo(Duration.ofMinutes(44));
    }

    /**
     * The bound as a property: sessions driven through the real limiter in simulated time, each holding its permit a
     * random time up to the budget, never start before the minimum allows nor end after the maximum, and the limiter
     * never lets more than its limits through.
     */
    @Test
    void simulatedRunsStayWithinTheBound() throws Exception {
        Random random = new Random(3207);
        for (int run = 0; run < 300; run++) {
            PolitenessLimits limits = new PolitenessLimits(1 + random.nextInt(4), 1 + random.nextInt(12),
                    Duration.ofSeconds(1 + random.nextInt(90)));
            Duration budget = Duration.ofSeconds(1 + random.nextInt(60));
            int sessions = 1 + random.nextInt(120);
            SimulatedTime time = new SimulatedTime();
            PerIpLimiter limiter = new PerIpLimiter(limits, time);
            List<Long> ends = new ArrayList<>();
            long lastStart = 0;
            for (int i = 0; i < sessions; i++) {
                PerIpLimiter.Permit permit = limiter.acquire("192.0.2.1", Duration.ofDays(1), 0);
                lastStart = time.nanoTime();
                assertThat(limiter.open("192.0.2.1")).isLessThanOrEqualTo(limits.maxSessions());
                assertThat(limiter.inWindow("192.0.2.1")).isLessThanOrEqualTo(limits.maxStarts());
                long end = lastStart + (long) (random.nextDouble() * budget.toNanos());
                ends.add(end);
                time.at(end, permit::close);
            }
            time.runAll();
            long finish = ends.stream().mapToLong(Long::longValue).max().orElse(0);
            String what = sessions + " sessions, " + limits + ", budget " + budget;
            assertThat(lastStart).as(what).isGreaterThanOrEqualTo(RunTimeBound.minimum(sessions, limits).toNanos());
            assertThat(finish).as(what).isLessThanOrEqualTo(RunTimeBound.maximum(sessions, limits, budget).toNanos());
        }
    }
}
