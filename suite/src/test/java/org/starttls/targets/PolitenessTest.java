package org.starttls.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.starttls.client.SessionException;
import org.starttls.client.SessionGate;
import org.starttls.client.Target;

/** The run's politeness as the client engine meets it: keys, the per-case gate, the end of admissions. */
class PolitenessTest {

    private static final Target TARGET = Target.parse("192.0.2.1:25");
    private static final InetSocketAddress REMOTE = new InetSocketAddress(address("192.0.2.1"), 25);

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

    /** A case's wait for its place is reported, so that the run can move the case's budget by it. */
    @Test
    void aWaitingCaseIsToldHowLongItWaited() throws Exception {
        Politeness politeness = Politeness.of(new Politeness.Limits(new PolitenessLimits(1, 100, Duration.ofMinutes(1)),
                PolitenessLimits.loopbackDefaults()));
        SessionGate.Admission first = politeness.gate().admit(REMOTE, TARGET);
        AtomicLong waited = new AtomicLong(-1);
        CompletableFuture<SessionGate.Admission> second = CompletableFuture.supplyAsync(() -> {
            try {
                return politeness.gate(w -> waited.set(w.toNanos())).admit(REMOTE, TARGET);
            } catch (SessionException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(second).isNotDone();

        first.close();
        first.close();

        second.get(20, TimeUnit.SECONDS).close();
        assertThat(waited.get()).isPositive();
        assertThat(politeness.sessions()).isEqualTo(2);
    }

    @Test
    void noSessionIsAdmittedAfterTheRunsBound() throws Exception {
        Politeness politeness = Politeness.of(new Politeness.Limits(new PolitenessLimits(1, 100, Duration.ofMinutes(1)),
                PolitenessLimits.loopbackDefaults()));
        politeness.admitUntil(System.nanoTime());
        politeness.gate().admit(REMOTE, TARGET);

        assertThatThrownBy(() -> politeness.gate().admit(REMOTE, TARGET)).isInstanceOf(SessionException.class)
                .hasMessageStartingWith("no session to 192.0.2.1 was allowed within 0 s: 1 open")
                .hasMessageEndingWith("; the run admits no session after its time bound (printed at its start)");
    }

    private static InetAddress address(String literal) {
        return Hosts.address(literal).orElseThrow();
    }
}
