package org.starttls.targets;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.starttls.client.Target;

/**
 * The run's politeness: one instance for the whole run caps the sessions open to each server address and the sessions
 * in any sliding window ({@link PolitenessLimits}), across every target that is, or resolves to, that address.
 * {@link #acquire} blocks until both limits allow another session, at most until its deadline; the permit is closed
 * when the session's connection is closed. A session counts whether or not the connection succeeds: the server's
 * counters count it too.
 *
 * <p><b>Counted the way the server counts.</b> The server sees a connection a little after the client decided to open
 * it, and its end a little after the client closed it. So that no server ever counts more than the limits, whatever
 * those delays:
 * <ul>
 *   <li>a session occupies the rate window from its start <em>until a window after its end</em>: a new session is
 *   allowed when the sessions still open and those that ended within the last window are fewer than
 *   {@code maxStarts}. Any window of that length, measured at the client or at the server's accept, holds at most
 *   {@code maxStarts} session starts (a server accepts a connection after our start and before our end);</li>
 *   <li>the last of the {@code maxSessions} places of an address is kept for a session that a case opens while it
 *   already holds one ({@code holding > 0}), as some cases compare two sessions: first sessions take at most
 *   {@code maxSessions - 1} places (or the only one when the limit is 1), so cases never wait for each other in a
 *   circle. A case that needs more places at once than the limits have is refused at once.</li>
 * </ul>
 *
 * <p>Keys are addresses in canonical text ({@link #key(InetAddress)}). A target named by host name is keyed by its
 * name ({@link #key(Target)}) unless the run resolves it first, which it should when several names may share an
 * address.
 *
 * <p>Thread-safe. Waiters are not served in arrival order; every waiter is bounded by its own deadline.
 */
public final class PerIpLimiter {

    private final PolitenessLimits limits;
    private final TimeSource time;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Usage> usage = new HashMap<>();
    private int waiting;

    public PerIpLimiter(PolitenessLimits limits) {
        this(limits, TimeSource.SYSTEM);
    }

    public PerIpLimiter(PolitenessLimits limits, TimeSource time) {
        this.limits = limits;
        this.time = time;
    }

    /** The sessions of one key: how many are open, and when the ones that ended within the window ended. */
    private static final class Usage {
        int open;
        final ArrayDeque<Long> ends = new ArrayDeque<>();

        int inWindow() {
            return open + ends.size();
        }
    }

    /** An open session's place; closing it (once or more) frees the place. The session stays in the window a window long. */
    public final class Permit implements AutoCloseable {
        private final String key;
        private boolean closed;

        private Permit(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    Usage u = usage.get(key);
                    long now = time.nanoTime();
                    u.open--;
                    u.ends.addLast(now);
                    forgetIfIdle(key, u, now);
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** The limiter's key of an address: its canonical text, IPv4-mapped IPv6 as IPv4. */
    public static String key(InetAddress address) {
        return Hosts.canonical(address);
    }

    /** The key of a target: its address when the host is a literal, else its canonical host name. */
    public static String key(Target target) {
        return Hosts.canonical(target.host());
    }

    /**
     * Waits until a session to {@code key} is allowed and takes it, or throws when {@code maxWait} passes first.
     *
     * @param holding how many sessions to {@code key} the caller (one case) holds open while it asks for this one
     * @throws PolitenessTimeoutException when the limits did not allow a session within {@code maxWait}, or can never
     *                                    allow this many sessions at once
     * @throws InterruptedException       when the run is being stopped
     */
    public Permit acquire(String key, Duration maxWait, int holding) throws InterruptedException, PolitenessTimeoutException {
        if (holding >= Math.min(limits.maxSessions(), limits.maxStarts())) {
            throw new PolitenessTimeoutException("this case holds " + holding + " session" + (holding == 1 ? "" : "s")
                    + " to " + key + " and needs one more at the same time, which the limits (" + limits.describe()
                    + ") never allow");
        }
        lock.lockInterruptibly();
        try {
            long start = time.nanoTime();
            long deadline = start + Math.max(0, maxWait.toNanos());
            while (true) {
                long now = time.nanoTime();
                Usage u = usage.computeIfAbsent(key, k -> new Usage());
                expire(u, now);
                if (placeFree(u, holding) && u.inWindow() < limits.maxStarts()) {
                    u.open++;
                    return new Permit(key);
                }
                long left = deadline - now;
                if (left <= 0) {
                    forgetIfIdle(key, u, now);
                    throw new PolitenessTimeoutException("no session to " + key + " was allowed within "
                            + Duration.ofNanos(now - start).toSeconds() + " s: " + u.open + " open and " + u.ends.size()
                            + " ended in the last " + limits.window().toSeconds() + " s (limits: " + limits.describe() + ")");
                }
                long wait = left;
                if (placeFree(u, holding) && !u.ends.isEmpty()) {
                    // only the rate holds it back: the oldest end leaves the window then; a closed session may signal earlier
                    wait = Math.min(wait, u.ends.peekFirst() + limits.window().toNanos() - now);
                }
                waiting++;
                try {
                    time.await(changed, Math.max(1, wait));
                } finally {
                    waiting--;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A first session leaves the last place free for a case's second; see the class comment. */
    private boolean placeFree(Usage u, int holding) {
        int places = holding > 0 ? limits.maxSessions() : Math.max(1, limits.maxSessions() - 1);
        return u.open < places;
    }

    /** How many callers wait in {@link #acquire} now. */
    public int waiting() {
        return locked(() -> waiting);
    }

    /** Sessions open to {@code key} now. */
    public int open(String key) {
        return locked(() -> usage.containsKey(key) ? usage.get(key).open : 0);
    }

    /** Sessions to {@code key} that count against the rate now: open ones, and those that ended within the window. */
    public int inWindow(String key) {
        return locked(() -> {
            Usage u = usage.get(key);
            if (u == null) {
                return 0;
            }
            expire(u, time.nanoTime());
            return u.inWindow();
        });
    }

    private int locked(IntSupplier body) {
        lock.lock();
        try {
            return body.getAsInt();
        } finally {
            lock.unlock();
        }
    }

    public PolitenessLimits limits() {
        return limits;
    }

    /** A session that ended at t counts while now - t < window. */
    private void expire(Usage u, long now) {
        long windowNanos = limits.window().toNanos();
        while (!u.ends.isEmpty() && now - u.ends.peekFirst() >= windowNanos) {
            u.ends.removeFirst();
        }
    }

    /** Keys of a long run do not pile up: an idle key with an empty window is forgotten. */
    private void forgetIfIdle(String key, Usage u, long now) {
        expire(u, now);
        if (u.open == 0 && u.ends.isEmpty()) {
            usage.remove(key);
        }
    }

    /** The limits did not allow a session before the caller's deadline; the message says why, in one sentence. */
    public static final class PolitenessTimeoutException extends Exception {
        public PolitenessTimeoutException(String message) {
            super(message);
        }
    }
}
