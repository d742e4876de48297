package org.starttls.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings shared by all sessions of one {@link SmtpClient}.
 *
 * @param serverNames   the names the server's certificate may carry, the first sent as SNI (when it is a DNS name);
 *                      empty = the target's host. An address that is the MX of several names may carry any of them.
 * @param maxLineOctets longest reply line accepted, line end included; longer lines are malformed
 * @param maxReplyLines most lines one reply may have; more make it malformed
 */
public record ClientSettings(Duration connectTimeout, Duration replyTimeout, List<String> serverNames,
                             TrustConfig trust, int maxLineOctets, int maxReplyLines) {

    public ClientSettings {
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(replyTimeout, "reply timeout");
        serverNames = List.copyOf(serverNames);
        Objects.requireNonNull(trust, "trust");
        if (maxLineOctets < ReplyDecoder.RFC_REPLY_LINE_OCTETS) {
            throw new IllegalArgumentException("maxLineOctets " + maxLineOctets
                    + " would reject the 512-octet lines RFC 5321 §4.5.3.1.5 allows");
        }
        if (maxReplyLines < 1) {
            throw new IllegalArgumentException("maxReplyLines must be at least 1");
        }
    }

    /** 5 s connect and reply timeouts, no explicit server name, system trust, 4096 octets, 100 lines. */
    public static ClientSettings defaults() {
        return new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), List.of(), TrustConfig.system(),
                4096, 100);
    }

    /** The names one of which the server's certificate must carry: the configured names, else the target's host. */
    public List<String> expectedNames(Target target) {
        return serverNames.isEmpty() ? List.of(target.host()) : serverNames;
    }

    /** The SNI name sessions to {@code target} send (the first expected name); empty when it is an IP literal. */
    public Optional<String> sniName(Target target) {
        return ClientTls.sniName(expectedNames(target).get(0));
    }

    public ClientSettings withConnectTimeout(Duration timeout) {
        return new ClientSettings(timeout, replyTimeout, serverNames, trust, maxLineOctets, maxReplyLines);
    }

    public ClientSettings withReplyTimeout(Duration timeout) {
        return new ClientSettings(connectTimeout, timeout, serverNames, trust, maxLineOctets, maxReplyLines);
    }

    public ClientSettings withServerNames(List<String> names) {
        return new ClientSettings(connectTimeout, replyTimeout, names, trust, maxLineOctets, maxReplyLines);
    }

    public ClientSettings withTrust(TrustConfig newTrust) {
        return new ClientSettings(connectTimeout, replyTimeout, serverNames, newTrust, maxLineOctets, maxReplyLines);
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + duration);
        }
    }
}
