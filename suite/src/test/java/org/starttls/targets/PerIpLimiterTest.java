package org.starttls.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.starttls.client.Target;

/** The limiter in simulated time: every assertion on time reads the simulated clock, never the wall clock. */
class PerIpLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String IP = "192.0.2.1";

    private final SimulatedTime time = new SimulatedTime();
    private final PerIpLimiter limiter = new PerIpLimiter(PolitenessLimits.defaults(), time);

    @Test
    void twoSessionsAtOnceAndTheThirdWaitsUntilItsDeadline() throws Exception {
        limiter.acquire(IP, Duration.ZERO, 0);
        limiter.acquire(IP, Duration.ZERO, 1);

        assertThatThrownBy(() -> limiter.acquire(IP, Duration.ofSeconds(5), 0))
                .isInstanceOf(PerIpLimiter.PolitenessTimeoutException.class)
                .hasMessage("no session to 192.0.2.1 was allowed within 5 s: 2 open and 0 ended in the last 60 s "
                        + "(limits: 2 sessions at once, 10 per 60 s)");
        assertThat(time.seconds()).isEqualTo(5);
        assertThat(limiter.open(IP)).isEqualTo(2);
    }

    /** The last place is kept for a case that holds a session and needs a second one at the same time. */
    @Test
    void theLastPlaceIsForACaseThatAlreadyHoldsOne() throws Exception {
        limiter.acquire(IP, Duration.ZERO, 0);

        assertThatThrownBy(() -> limiter.acquire(IP, Duration.ofSeconds(1), 0))
                .isInstanceOf(PerIpLimiter.PolitenessTimeoutException.class);
        limiter.acquire(IP, Duration.ZERO, 1);
        assertThat(limiter.open(IP)).isEqualTo(2);
        assertThat(time.seconds()).isEqualTo(1);
        assertThatThrownBy(() -> limiter.acquire(IP, Duration.ofDays(1), 2))
                .hasMessage("this case holds 2 sessions to 192.0.2.1 and needs one more at the same time, which the limits "
                        + "(2 sessions at once, 10 per 60 s) never allow");
        assertThat(time.seconds()).as("refused at once").isEqualTo(1);
    }

    @Test
    void aClosedSessionLetsTheWaiterIn() throws Exception {
        PerIpLimiter.Permit first = limiter.acquire(IP, Duration.ZERO, 0);
        limiter.acquire(IP, Duration.ZERO, 1);
        time.at(3 * SECOND, first::close);

        PerIpLimiter.Permit third = limiter.acquire(IP, Duration.ofMinutes(1), 1);

        assertThat(time.seconds()).isEqualTo(3);
        assertThat(limiter.open(IP)).isEqualTo(2);
    }

    /** A session stays in the rate window until a window after it ended, as a server that saw it late counts it. */
    @Test
    void aLongSessionCountsUntilAWindowAfterItsEnd() throws Exception {
        PerIpLimiter oneAMinute = new PerIpLimiter(new PolitenessLimits(2, 1, Duration.ofMinutes(1)), time);
        PerIpLimiter.Permit first = oneAMinute.acquire(IP, Duration.ZERO, 0);
        time.at(90 * SECOND, first::close);

        oneAMinute.acquire(IP, Duration.ofMinutes(5), 0).close();

        assertThat(time.seconds()).isEqualTo(150);
    }

    @Test
    void theEleventhStartWaitsUntilTheFirstLeavesTheWindow() throws Exception {
        for (int i = 0; i < 10; i++) {
            time.at(i * 2 * SECOND, () -> { });
            time.runAll();
            limiter.acquire(IP, Duration.ZERO, 0).close();
        }
        assertThat(time.seconds()).isEqualTo(18);
        assertThat(limiter.inWindow(IP)).isEqualTo(10);

        limiter.acquire(IP, Duration.ofMinutes(5), 0).close();
        assertThat(time.seconds()).isEqualTo(60);
        limiter.acquire(IP, Duration.ofMinutes(5), 0).close();
        assertThat(time.seconds()).isEqualTo(62);
        assertThat(limiter.inWindow(IP)).isEqualTo(10);
    }

    @Test
    void theRateDeadlineIsAlsoBounded() throws Exception {
        for (int i = 0; i < 10; i++) {
            limiter.acquire(IP, Duration.ZERO, 0).close();
        }
        assertThatThrownBy(() -> limiter.acquire(IP, Duration.ofSeconds(30), 0))
                .hasMessage("no session to 192.0.2.1 was allowed within 30 s: 0 open and 10 ended in the last 60 s "
                        + "(limits: 2 sessions at once, 10 per 60 s)");
        assertThat(time.seconds()).isEqualTo(30);
    }

    @Test
    void addressesAreLimitedSeparately() throws Exception {
        limiter.acquire(IP, Duration.ZERO, 0);
        limiter.acquire(IP, Duration.ZERO, 1);

        limiter.acquire("2001:db8::1", Duration.ZERO, 0);
        assertThat(limiter.open("2001:db8::1")).isEqualTo(1);
        assertThat(time.seconds()).isZero();
    }

    @Test
    void closingTwiceFreesOneSlotAndIdleAddressesAreForgotten() throws Exception {
        PerIpLimiter.Permit permit = limiter.acquire(IP, Duration.ZERO, 0);
        limiter.acquire(IP, Duration.ZERO, 1).close();
        permit.close();
        permit.close();

        assertThat(limiter.open(IP)).isZero();
        time.at(61 * SECOND, () -> { });
        time.runAll();
        assertThat(limiter.inWindow(IP)).isZero();
        assertThat(limiter.open("198.51.100.9")).isZero();
    }

    @Test
    void keysAreCanonicalAddressesOrNames() throws Exception {
        assertThat(PerIpLimiter.key(InetAddress.getByName("::ffff:192.0.2.1"))).isEqualTo(IP);
        assertThat(PerIpLimiter.key(Target.parse("[2001:DB8:0::1]:25"))).isEqualTo("2001:db8::1");
        assertThat(PerIpLimiter.key(Target.parse("Mail.Example.org:587"))).isEqualTo("mail.example.org");
    }

    @Test
    void limitsRefuseNonsenseInOneSentence() {
        assertThatThrownBy(() -> new PolitenessLimits(0, 10, Duration.ofMinutes(1)))
                .hasMessage("0 sessions at once per IP address is outside 1..50 (Postfix refuses a client's 51st); write for "
                        + "example 2");
        assertThatThrownBy(() -> new PolitenessLimits(2, 0, Duration.ofMinutes(1))).hasMessageStartingWith("0 sessions per window");
        assertThatThrownBy(() -> new PolitenessLimits(2, 10, Duration.ZERO)).hasMessageContaining("is empty");
        assertThat(new PolitenessLimits(1, 30, Duration.ofSeconds(60)).describe()).isEqualTo("1 session at once, 30 per 60 s");
        assertThat(PolitenessLimits.loopbackDefaults().describe()).isEqualTo("4 sessions at once, no rate limit");
    }

    /** Real threads, real clock: a blocked acquire returns once another thread closes its permit. No sleep, no time assert. */
    @Test
    void aBlockedThreadGoesOnWhenASessionCloses() throws Exception {
        PerIpLimiter real = new PerIpLimiter(PolitenessLimits.defaults());
        PerIpLimiter.Permit first = real.acquire(IP, Duration.ZERO, 0);
        real.acquire(IP, Duration.ZERO, 1);

        CompletableFuture<PerIpLimiter.Permit> third = CompletableFuture.supplyAsync(() -> {
            try {
                return real.acquire(IP, Duration.ofMinutes(1), 1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (real.waiting() == 0 && System.nanoTime() < giveUp) {
            Thread.onSpinWait();
        }
        assertThat(real.waiting()).isEqualTo(1);
        assertThat(third).isNotDone();

        first.close();

        assertThat(third.get(20, TimeUnit.SECONDS)).isNotNull();
        assertThat(real.open(IP)).isEqualTo(2);
    }

    @Test
    void aWaiterCanBeInterrupted() throws Exception {
        PerIpLimiter real = new PerIpLimiter(new PolitenessLimits(1, 10, Duration.ofMinutes(1)));
        real.acquire(IP, Duration.ZERO, 0);
        List<Throwable> thrown = new ArrayList<>();
        Thread waiter = new Thread(() -> {
            try {
                real.acquire(IP, Duration.ofMinutes(1), 0);
            } catch (Exception e) {
                thrown.add(e);
            }
        });
        waiter.start();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (real.waiting() == 0 && System.nanoTime() < giveUp) {
            Thread.onSpinWait();
        }
        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(20));

        assertThat(thrown).singleElement().isInstanceOf(InterruptedException.class);
        assertThat(real.waiting()).isZero();
    }
}
