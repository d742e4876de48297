package org.starttls.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.starttls.client.SessionException;
import org.starttls.client.SessionGate;
import org.starttls.client.Target;

/**
 * The run's politeness as the client engine meets it: keys, the per-case gate, the end of admissions. Waits are in
 * simulated time: no assertion reads the wall clock.
 */
class PolitenessTest {

    private static final long SECOND = 1_000_000_000L;

    private static final Target TARGET = Target.parse("192.0.2.1:25");
    private static final InetSocketAddress REMOTE = new InetSocketAddress(address("192.0.2.1"), 25);

    private final SimulatedTime time = new SimulatedTime();

    @Test
    void aServerIsItsAddressAndOnLoopbackAlsoItsPort() {
        assertThat(Politeness.key(address("192.0.2.1"), 587)).isEqualTo("192.0.2.1");
        assertThat(Politeness.key(address("::ffff:192.0.2.1"), 25)).isEqualTo("192.0.2.1");
        assertThat(Politeness.key(address("127.0.0.1"), 2525)).isEqualTo("127.0.0.1:2525");
        assertThat(Politeness.key(address("::1"), 2525)).isEqualTo("[::1]:2525");
        assertThat(Politeness.key(Target.parse("Mail.Example.org:25"), Optional.empty())).isEqualTo("mail.example.org");
    }

    @Test
    void loopbackServersGetTheirOwnDefaults() {
        Politeness politeness = Politeness.of(Politeness.Limits.of(Optional.empty(), Optional.empty()));
        assertThat(politeness.limits(address("192.0.2.1"))).isEqualTo(PolitenessLimits.defaults());
        assertThat(politeness.limits(address("127.0.0.5"))).isEqualTo(PolitenessLimits.loopbackDefaults());
        assertThat(politeness.limits().describe()).isEqualTo("2 sessions at once, 10 per 60 s per IP address; loopback: "
                + "4 sessions at once, no rate limit per port");
    }

    /**
     * A case waits for its place until a session ends, and is told how long it waited, so that the run can move the
     * case's budget by it. Simulated time: the wait is the clock's, the session's end an event at 3 s.
     */
    @Test
    void aCaseWaitsUntilASessionEndsAndIsToldHowLong() throws Exception {
        Politeness politeness = Politeness.of(oneAtOnce(), time);
        SessionGate.Admission first = politeness.gate().admit(REMOTE, TARGET);
        time.at(3 * SECOND, () -> {
            first.close();
            first.close();
        });
        List<Duration> waits = new ArrayList<>();

        politeness.gate(waits::add).admit(REMOTE, TARGET).close();

        assertThat(time.seconds()).as("admitted when the first session ended").isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    /**
     * Never more sessions at once than the limit: a case's first session leaves the last place for a case that holds one
     * already, and a second case's first session waits until both of the first case's have ended.
     */
    @Test
    void sessionsNeverExceedTheLimitAndTheLastPlaceIsForACaseThatHoldsOne() throws Exception {
        Politeness politeness = Politeness.of(new Politeness.Limits(new PolitenessLimits(2, 100, Duration.ofMinutes(1)),
                PolitenessLimits.loopbackDefaults()), time);
        List<Duration> waits = new ArrayList<>();
        SessionGate caseA = politeness.gate(waits::add);
        SessionGate.Admission a1 = caseA.admit(REMOTE, TARGET);
        SessionGate.Admission a2 = caseA.admit(REMOTE, TARGET);
        time.at(4 * SECOND, a2::close);
        time.at(7 * SECOND, a1::close);

        politeness.gate(waits::add).admit(REMOTE, TARGET).close();

        assertThat(time.seconds()).as("the other case's first session waits for both to end").isEqualTo(7);
        assertThat(waits).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(7));
    }

    @Test
    void noSessionIsAdmittedAfterTheRunsBound() throws Exception {
        Politeness politeness = Politeness.of(oneAtOnce(), time);
        politeness.admitUntil(time.nanoTime());
        politeness.gate().admit(REMOTE, TARGET);

        assertThatThrownBy(() -> politeness.gate().admit(REMOTE, TARGET)).isInstanceOf(SessionException.class)
                .hasMessageStartingWith("no session to 192.0.2.1 was allowed within 0 s: 1 open")
                .hasMessageEndingWith("; the run admits no session after its time bound (printed at its start)");
    }

    private static Politeness.Limits oneAtOnce() {
        return new Politeness.Limits(new PolitenessLimits(1, 100, Duration.ofMinutes(1)), PolitenessLimits.loopbackDefaults());
    }

    private static InetAddress address(String literal) {
        return Hosts.address(literal).orElseThrow();
    }
}
