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
 * The run's politeness: one instance for the whole run caps the sessions open to each IP address and the sessions
 * started at it in any sliding window ({@link PolitenessLimits}), across every target that is, or resolves to, that
 * address. {@link #acquire} blocks until both limits allow another session, at most until its deadline; the permit is
 * closed when the session's connection is closed. A start counts whether or not the connection succeeds: the server's
 * counters count it too.
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

    /** The sessions of one key: how many are open, and when the ones in the current window started. */
    private static final class Usage {
        int open;
        final ArrayDeque<Long> starts = new ArrayDeque<>();
    }

    /** An open session's slot; closing it (once or more) frees the slot. Its start stays in the window. */
    public final class Permit implements AutoCloseable {
        private final String key;
        private boolean closed;

        private Permit(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    Usage u = usage.get(key);
                    u.open--;
                    forgetIfIdle(key, u, time.nanoTime());
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
     * @throws PolitenessTimeoutException when the limits did not allow a session within {@code maxWait}
     * @throws InterruptedException       when the run is being stopped
     */
    public Permit acquire(String key, Duration maxWait) throws InterruptedException, PolitenessTimeoutException {
        lock.lockInterruptibly();
        try {
            long start = time.nanoTime();
            long deadline = start + Math.max(0, maxWait.toNanos());
            while (true) {
                long now = time.nanoTime();
                Usage u = usage.computeIfAbsent(key, k -> new Usage());
                expire(u, now);
                if (u.open < limits.maxSessions() && u.starts.size() < limits.maxStarts()) {
                    u.open++;
                    u.starts.addLast(now);
                    return new Permit(key);
                }
                long left = deadline - now;
                if (left <= 0) {
                    forgetIfIdle(key, u, now);
                    throw new PolitenessTimeoutException("no session to " + key + " was allowed within "
                            + Duration.ofNanos(now - start).toSeconds() + " s: " + u.open + " open and " + u.starts.size()
                            + " started in the last " + limits.window().toSeconds() + " s (limits: " + limits.describe() + ")");
                }
                long wait = left;
                if (u.starts.size() >= limits.maxStarts()) {
                    // the oldest start leaves the window then; a closed session may signal earlier
                    wait = Math.min(wait, u.starts.peekFirst() + limits.window().toNanos() - now);
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

    /** How many callers wait in {@link #acquire} now. */
    public int waiting() {
        return locked(() -> waiting);
    }

    /** Sessions open to {@code key} now. */
    public int open(String key) {
        return locked(() -> usage.containsKey(key) ? usage.get(key).open : 0);
    }

    /** Sessions started at {@code key} within the last window. */
    public int startedInWindow(String key) {
        return locked(() -> {
            Usage u = usage.get(key);
            if (u == null) {
                return 0;
            }
            expire(u, time.nanoTime());
            return u.starts.size();
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

    /** A start at t counts while now - t < window. */
    private void expire(Usage u, long now) {
        long windowNanos = limits.window().toNanos();
        while (!u.starts.isEmpty() && now - u.starts.peekFirst() >= windowNanos) {
            u.starts.removeFirst();
        }
    }

    /** Keys of a long run do not pile up: an idle key with an empty window is forgotten. */
    private void forgetIfIdle(String key, Usage u, long now) {
        expire(u, now);
        if (u.open == 0 && u.starts.isEmpty()) {
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
