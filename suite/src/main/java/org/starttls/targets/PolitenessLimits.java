package org.starttls.targets;

import java.time.Duration;
import org.starttls.client.Durations;

/**
 * How hard the run may press one IP address: at most {@code maxSessions} sessions open at once, and at most
 * {@code maxStarts} sessions started in any {@code window} (a sliding window: the limit holds for every interval of
 * that length, so it also holds for the fixed intervals servers count in).
 *
 * <h2>Defaults: 2 sessions at once, 10 starts a minute</h2>
 * The limits are what a server lets one client IP do before it answers 421 or drops the connection; staying well under
 * them keeps verdicts from turning INCONCLUSIVE and keeps the suite's address off block lists.
 * <ul>
 *   <li>Postfix (postconf(5), 3.7): {@code smtpd_client_connection_count_limit = 50} simultaneous connections per
 *   client, {@code smtpd_client_connection_rate_limit = 0} (no rate limit unless the operator sets one; the time unit
 *   {@code anvil_rate_time_unit} is 60 s). Postfix as a sender opens {@code initial_destination_concurrency = 5} and at
 *   most {@code default_destination_concurrency_limit = 20} connections to one destination: what receivers are used
 *   to from a peer.</li>
 *   <li>Exim (src/globals.c): {@code smtp_accept_max = 20} simultaneous incoming connections for the whole server,
 *   {@code smtp_accept_max_per_host} unset (no per-host limit). Two sessions take a tenth of a default Exim.</li>
 *   <li>Microsoft Exchange receive connectors: {@code MaxInboundConnectionPerSource = 20},
 *   {@code MaxInboundConnectionPercentagePerSource = 2} (percent of the free connections).</li>
 *   <li>Comcast (postmaster.comcast.net): 25 simultaneous connections per sending IP. Gmail and Yahoo publish no
 *   numbers; they defer with {@code 421 4.7.0} / {@code 4.4.5} for too many concurrent connections, and senders'
 *   guides keep one to two connections per IP to Gmail.</li>
 *   <li>Rate limits that operators configure: sendmail's {@code ConnectionRateWindowSize} is 60 s, and its
 *   {@code ClientRate} example allows 10 connections per window; Postfix operators set
 *   {@code smtpd_client_connection_rate_limit} in the same range or higher.</li>
 * </ul>
 * So: 2 at once (under every published concurrency limit, and Gmail's unpublished one by the senders' rule), and 10
 * starts per 60 s (the strictest common rate setting; none of the defaults above limits the rate at all).
 *
 * <h2>Loopback: 4 at once, no rate limit</h2>
 * A server on a loopback address runs on the machine that runs the suite: the embedded reference server, the
 * self-tests' servers, a private test instance. No provider's limit and no reputation is at stake there, and Postfix
 * exempts loopback clients from all its per-client limits ({@code smtpd_client_event_limit_exceptions} defaults to
 * {@code $mynetworks}, which holds 127.0.0.0/8 and [::1]). {@link #loopbackDefaults()} keeps what a single target ran
 * with before these limits existed: 4 sessions at once, no rate limit. Explicit limits apply to loopback too.
 *
 * <h2>What the rate costs</h2>
 * One target's catalogue is one session for the probe and about one per case that connects, so the time the rate costs
 * grows with the catalogue: with S sessions to one address and R starts per window W, the last session cannot start
 * before floor((S-1)/R) windows have passed ({@link RunTimeBound#minimum}), whatever the server's speed; the run
 * prints that bound before its first session. Addresses are limited separately, so a domain with four MX addresses or
 * a list of many domains takes about as long as one address, as long as the run tests addresses in parallel. An
 * operator testing their own server can raise the limits: the time shrinks in proportion to R.
 *
 * @param maxSessions simultaneous sessions per IP address
 * @param maxStarts   sessions started per IP address in any window
 * @param window      the sliding window of {@code maxStarts}
 */
public record PolitenessLimits(int maxSessions, int maxStarts, Duration window) {

    public static final int DEFAULT_MAX_SESSIONS = 2;
    public static final int DEFAULT_MAX_STARTS = 10;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    /** {@code maxStarts} of limits without a rate limit. */
    public static final int UNLIMITED = Integer.MAX_VALUE;
    public static final int LOOPBACK_MAX_SESSIONS = 4;

    public PolitenessLimits {
        if (maxSessions < 1 || maxSessions > 50) {
            throw new IllegalArgumentException(maxSessions + " sessions at once per IP address is outside 1..50 (Postfix "
                    + "refuses a client's 51st); write for example 2");
        }
        if (maxStarts < 1) {
            throw new IllegalArgumentException(maxStarts + " sessions per window is not a limit; write a whole number from 1, "
                    + "for example 10");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate window of " + window + " is empty; write for example 60s");
        }
    }

    public static PolitenessLimits defaults() {
        return new PolitenessLimits(DEFAULT_MAX_SESSIONS, DEFAULT_MAX_STARTS, DEFAULT_WINDOW);
    }

    /** For servers on a loopback address, unless the run sets limits: 4 sessions at once, no rate limit. */
    public static PolitenessLimits loopbackDefaults() {
        return new PolitenessLimits(LOOPBACK_MAX_SESSIONS, UNLIMITED, DEFAULT_WINDOW);
    }

    public boolean rateLimited() {
        return maxStarts != UNLIMITED;
    }

    /** {@code 2 sessions at once, 10 per 60 s}: for the run's first lines. */
    public String describe() {
        return maxSessions + " session" + (maxSessions == 1 ? "" : "s") + " at once, "
                + (rateLimited() ? maxStarts + " per " + Durations.spaced(window) : "no rate limit");
    }
}
