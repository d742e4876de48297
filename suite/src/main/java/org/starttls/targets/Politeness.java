package org.starttls.targets;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.starttls.client.SessionException;
import org.starttls.client.SessionGate;
import org.starttls.client.Target;

/**
 * The run's politeness limits applied to every connection (DESIGN §10): one {@link PerIpLimiter} for servers on
 * other machines and one for servers on this machine's loopback addresses, each with its own limits
 * ({@link PolitenessLimits#defaults()}, {@link PolitenessLimits#loopbackDefaults()}) where the run sets none
 * ({@code smtp.concurrency}, {@code smtp.rate} set them for both).
 *
 * <p>A server is its IP address: every port and every name of one address share its limits, as the address's
 * per-client counters do. On loopback a server is its address and port: there the only way to run several servers on
 * one machine is several ports (the self-tests run dozens at once), and each counts its own clients.
 *
 * <p>No session is admitted after {@link #admitUntil(long)}: that is what keeps the run within the bound it printed.
 * Thread-safe; one instance per run.
 */
public final class Politeness {

    private final PerIpLimiter remote;
    private final PerIpLimiter loopback;
    private final TimeSource time;
    private final AtomicLong admitUntilNanos = new AtomicLong(Long.MAX_VALUE);

    /**
     * The limits of a run: for servers on other machines, and for servers on loopback addresses.
     *
     * @param remote   {@link PolitenessLimits#defaults()} where the run sets nothing
     * @param loopback {@link PolitenessLimits#loopbackDefaults()} where the run sets nothing
     */
    public record Limits(PolitenessLimits remote, PolitenessLimits loopback) {

        /** The defaults, with {@code sessions} at once and {@code rate} (starts per window) where they are given. */
        public static Limits of(Optional<Integer> sessions, Optional<PolitenessLimits> rate) {
            return new Limits(with(PolitenessLimits.defaults(), sessions, rate),
                    with(PolitenessLimits.loopbackDefaults(), sessions, rate));
        }

        private static PolitenessLimits with(PolitenessLimits base, Optional<Integer> sessions,
                                             Optional<PolitenessLimits> rate) {
            return new PolitenessLimits(sessions.orElse(base.maxSessions()), rate.orElse(base).maxStarts(),
                    rate.orElse(base).window());
        }

        /** {@code 2 sessions at once, 10 per 60 s per IP address; loopback: 4 sessions at once, no rate limit per port}. */
        public String describe() {
            return remote.describe() + " per IP address; loopback: " + loopback.describe() + " per port";
        }
    }

    private Politeness(Limits limits, TimeSource time) {
        this.remote = new PerIpLimiter(limits.remote(), time);
        this.loopback = new PerIpLimiter(limits.loopback(), time);
        this.time = time;
    }

    public static Politeness of(Limits limits) {
        return of(limits, TimeSource.SYSTEM);
    }

    /** With the clock {@code time} for the limits, the waits and {@link #admitUntil(long)}. */
    static Politeness of(Limits limits, TimeSource time) {
        return new Politeness(limits, time);
    }

    /** The limiter key of a server: its canonical address, and on loopback also the port. */
    public static String key(InetAddress address, int port) {
        String ip = PerIpLimiter.key(address);
        return address.isLoopbackAddress() ? Hosts.key(new Target(ip, port)) : ip;
    }

    /** The key of a target whose address is known, or of its name when it is not ({@link #key(InetAddress, int)}). */
    public static String key(Target target, Optional<InetAddress> address) {
        return address.map(a -> key(a, target.port())).orElseGet(() -> PerIpLimiter.key(target));
    }

    /** The limits a server at {@code address} gets. */
    public PolitenessLimits limits(InetAddress address) {
        return limiter(address).limits();
    }

    public Limits limits() {
        return new Limits(remote.limits(), loopback.limits());
    }

    /**
     * From then on no session is admitted: a waiting one is refused with a sentence that names the bound.
     *
     * @param nanoTime on this instance's clock: {@link System#nanoTime()} outside the self-tests
     */
    public void admitUntil(long nanoTime) {
        admitUntilNanos.set(nanoTime);
    }

    /** The gate of one target's probe session: nobody to tell about waiting. */
    public SessionGate gate() {
        return gate(waited -> { });
    }

    /**
     * The gate of one case: it knows which sessions the case holds (a second one at the same time may take the place
     * kept for it), and reports every wait to {@code waited} so that the case's budget can be moved by it.
     */
    public SessionGate gate(Consumer<Duration> waited) {
        Map<String, Integer> holding = new ConcurrentHashMap<>();
        return (address, target) -> {
            String key = key(address.getAddress(), address.getPort());
            long start = time.nanoTime();
            PerIpLimiter.Permit permit;
            try {
                permit = limiter(address.getAddress()).acquire(key, maxWait(), holding.getOrDefault(key, 0));
            } catch (PerIpLimiter.PolitenessTimeoutException e) {
                throw new SessionException(admitUntilNanos.get() == Long.MAX_VALUE ? e.getMessage()
                        : e.getMessage() + "; the run admits no session after its time bound (printed at its start)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionException("interrupted while waiting for the politeness limits of " + key, e);
            } finally {
                waited.accept(Duration.ofNanos(time.nanoTime() - start));
            }
            holding.merge(key, 1, Integer::sum);
            AtomicBoolean closed = new AtomicBoolean();
            return () -> {
                if (closed.compareAndSet(false, true)) {
                    holding.merge(key, -1, Integer::sum);
                    permit.close();
                }
            };
        };
    }

    private PerIpLimiter limiter(InetAddress address) {
        return address.isLoopbackAddress() ? loopback : remote;
    }

    private Duration maxWait() {
        long until = admitUntilNanos.get();
        return until == Long.MAX_VALUE ? Duration.ofDays(1) : Duration.ofNanos(Math.max(0, until - time.nanoTime()));
    }
}
