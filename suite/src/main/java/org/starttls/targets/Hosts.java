package org.starttls.targets;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import org.starttls.client.Target;

/** One spelling per host: address literals in their RFC 5952 / dotted form, names in lower case without a final dot. */
public final class Hosts {

    private Hosts() {
    }

    /**
     * The canonical form of a host: {@code 2001:DB8:0::1} and {@code 2001:db8::1} are one host, {@code MX.Example.org.}
     * and {@code mx.example.org} too. Never looks anything up.
     */
    public static String canonical(String host) {
        return address(host).map(Hosts::canonical).orElseGet(() -> {
            String lower = host.strip().toLowerCase(Locale.ROOT);
            return lower.endsWith(".") && lower.length() > 1 ? lower.substring(0, lower.length() - 1) : lower;
        });
    }

    /** The canonical text of an address; an IPv4-mapped IPv6 address is its IPv4 address. */
    public static String canonical(InetAddress address) {
        return NetUtil.toAddressString(address);
    }

    /** The address when {@code host} is an IPv4 or IPv6 literal (brackets allowed), without any lookup. */
    public static Optional<InetAddress> address(String host) {
        String bare = host.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        if (!NetUtil.isValidIpV4Address(bare) && !NetUtil.isValidIpV6Address(bare)) {
            return Optional.empty();
        }
        return Optional.ofNullable(NetUtil.createInetAddressFromIpAddressString(bare));
    }

    /** {@code host:port} with the canonical host, brackets around IPv6: the identity of a target. */
    public static String key(Target target) {
        return new Target(canonical(target.host()), target.port()).toString();
    }
}
