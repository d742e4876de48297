package org.starttls.targets;

import java.time.Duration;
import java.util.Map;

/**
 * How long the sessions of a run take at least and at most under the per-IP limits, computed before the first
 * connection, for the run to print ("62 sessions to 3 addresses: at least 5 min, at most 40 min").
 *
 * <p>Per address with S sessions, at most C open at once (a case's first session takes one of C' = max(1, C - 1)
 * places, {@link PerIpLimiter}) and R per window W (open, or ended less than W ago), each session holding its permit at
 * most B (the case budget and its grace):
 * <ul>
 *   <li>minimum = floor((S-1)/R) x W: the k-th and the (k+R)-th start are at least a window apart, whatever the
 *   server's speed;</li>
 *   <li>maximum = floor((S-1)/R) x (W + B) + ceil(S/C') x B: the k-th start happens by then, because at that time the
 *   (k-C')-th session has ended (it started a concurrency step of B earlier) and the (k-R)-th has ended and left the
 *   window (it started a window and a session earlier); the last session then ends within B.</li>
 * </ul>
 * Addresses are limited independently, so the run's bound is the largest per address, provided the run gives every
 * address enough workers at once (it starts all targets together). The maximum assumes every session uses its whole
 * budget; the minimum is what a fast server costs, and grows by a window for every R sessions to one address.
 *
 * @param minimum   no run with these sessions can be shorter
 * @param maximum   no run with these sessions can be longer
 * @param addresses how many limiter keys there are
 * @param sessions  sessions in all
 */
public record RunTimeBound(Duration minimum, Duration maximum, int addresses, int sessions) {

    /** The bound for the sessions per limiter key ({@link Politeness#key(java.net.InetAddress, int)}). */
    public static RunTimeBound of(Map<String, Integer> sessionsByKey, PolitenessLimits limits, Duration sessionBudget) {
        Duration min = Duration.ZERO;
        Duration max = Duration.ZERO;
        int total = 0;
        for (int sessions : sessionsByKey.values()) {
            total += sessions;
            Duration low = minimum(sessions, limits);
            Duration high = maximum(sessions, limits, sessionBudget);
            min = low.compareTo(min) > 0 ? low : min;
            max = high.compareTo(max) > 0 ? high : max;
        }
        return new RunTimeBound(min, max, sessionsByKey.size(), total);
    }

    /** The shortest time in which one address can see {@code sessions} sessions start. */
    public static Duration minimum(int sessions, PolitenessLimits limits) {
        return sessions <= 0 || !limits.rateLimited() ? Duration.ZERO
                : limits.window().multipliedBy((sessions - 1) / limits.maxStarts());
    }

    /** The longest that {@code sessions} sessions to one address can take, each holding its permit at most {@code budget}. */
    public static Duration maximum(int sessions, PolitenessLimits limits, Duration budget) {
        if (sessions <= 0) {
            return Duration.ZERO;
        }
        int places = Math.max(1, limits.maxSessions() - 1);
        long concurrencySteps = (sessions + places - 1) / places;
        long windows = limits.rateLimited() ? (sessions - 1) / limits.maxStarts() : 0;
        return limits.window().plus(budget).multipliedBy(windows).plus(budget.multipliedBy(concurrencySteps));
    }

    /** The bound of a run that has both these sessions and {@code other}'s, at other addresses. */
    public RunTimeBound and(RunTimeBound other) {
        return new RunTimeBound(minimum.compareTo(other.minimum) >= 0 ? minimum : other.minimum,
                maximum.compareTo(other.maximum) >= 0 ? maximum : other.maximum, addresses + other.addresses,
                sessions + other.sessions);
    }

    /** {@code 300 sessions to 3 addresses: at least 9 min, at most 59 min}. */
    public String describe() {
        return sessions + " session" + (sessions == 1 ? "" : "s") + " to " + addresses + " address"
                + (addresses == 1 ? "" : "es") + ": at least " + human(minimum, false) + ", at most " + human(maximum, true);
    }

    /** Whole minutes from two minutes on, rounded towards the safe side of the bound. */
    public static String human(Duration d, boolean roundUp) {
        long seconds = d.toSeconds() + (roundUp && d.getNano() > 0 ? 1 : 0);
        if (seconds < 120) {
            return seconds + " s";
        }
        long minutes = roundUp ? (seconds + 59) / 60 : seconds / 60;
        return minutes < 120 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }
}
