package org.starttls.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings shared by all sessions of one {@link SmtpClient}.
 *
 * @param serverName    name sent as SNI (when it is a DNS name); empty = the target's host
 * @param maxLineOctets longest reply line accepted, line end included; longer lines are malformed
 * @param maxReplyLines most lines one reply may have; more make it malformed
 */
public record ClientSettings(Duration connectTimeout, Duration replyTimeout, Optional<String> serverName,
                             TrustConfig trust, int maxLineOctets, int maxReplyLines) {

    public ClientSettings {
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(replyTimeout, "reply timeout");
        Objects.requireNonNull(serverName, "serverName");
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
        return new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.empty(), TrustConfig.system(),
                4096, 100);
    }

    /** The name the server's certificate must carry: the configured server name, else the target's host. */
    public String expectedName(Target target) {
        return serverName.orElse(target.host());
    }

    /** The SNI name sessions to {@code target} send; empty when the expected name is an IP literal. */
    public Optional<String> sniName(Target target) {
        return ClientTls.sniName(expectedName(target));
    }

    public ClientSettings withConnectTimeout(Duration timeout) {
        return new ClientSettings(timeout, replyTimeout, serverName, trust, maxLineOctets, maxReplyLines);
    }

    public ClientSettings withReplyTimeout(Duration timeout) {
        return new ClientSettings(connectTimeout, timeout, serverName, trust, maxLineOctets, maxReplyLines);
    }

    public ClientSettings withServerName(String name) {
        return new ClientSettings(connectTimeout, replyTimeout, Optional.of(name), trust, maxLineOctets, maxReplyLines);
    }

    public ClientSettings withTrust(TrustConfig newTrust) {
        return new ClientSettings(connectTimeout, replyTimeout, serverName, newTrust, maxLineOctets, maxReplyLines);
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + duration);
        }
    }
}
