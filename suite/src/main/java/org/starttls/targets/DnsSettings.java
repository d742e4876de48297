package org.starttls.targets;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.starttls.client.Target;
import org.xbill.DNS.ResolverConfig;

/**
 * Where and how patiently MX resolution asks. Every lookup is bounded: a query waits {@code timeout} for one server
 * and is sent {@code attempts} times to each server at most; a CNAME chain has at most {@code maxCnameHops} links; a
 * domain has at most {@code maxMxHosts} MX hosts looked up; and all lookups of one domain together end after
 * {@code domainBudget}. {@link #maxDuration(int)} is the bound for a list of domains.
 *
 * @param servers         resolvers, asked in order ({@code smtp.dns.server}, or the system's)
 * @param timeout         how long one query waits for one server's answer
 * @param attempts        how often a query that got no answer is sent to each server
 * @param maxCnameHops    CNAME links followed before a name is reported as a chain too long
 * @param maxMxHosts      MX hosts of one domain that are looked up, lowest preference first
 * @param domainBudget    all lookups of one domain together
 * @param parallelDomains domains resolved at the same time
 */
public record DnsSettings(List<InetSocketAddress> servers, Duration timeout, int attempts, int maxCnameHops,
                          int maxMxHosts, Duration domainBudget, int parallelDomains) {

    /** A resolver that answers at all answers within a few hundred milliseconds; 3 s leaves room for a slow path. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** One retry: UDP loses a datagram now and then. */
    public static final int DEFAULT_ATTEMPTS = 2;
    /** RFC 1034 §3.6.2 expects chains to be short; resolvers give up at 8 to 16 links. */
    public static final int DEFAULT_MAX_CNAME_HOPS = 8;
    /** Large providers publish up to 5 MX hosts; 10 covers every domain that means it. */
    public static final int DEFAULT_MAX_MX_HOSTS = 10;
    /** MX, then A and AAAA of every MX host in parallel, a retry each: well within 30 s. */
    public static final Duration DEFAULT_DOMAIN_BUDGET = Duration.ofSeconds(30);
    public static final int DEFAULT_PARALLEL_DOMAINS = 8;
    private static final int DNS_PORT = 53;

    public DnsSettings {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS resolver to ask; write smtp.dns.server=host:port, for example "
                    + "127.0.0.1:53");
        }
        if (timeout.isNegative() || timeout.isZero() || attempts < 1 || maxCnameHops < 0 || maxMxHosts < 1
                || domainBudget.isNegative() || domainBudget.isZero() || parallelDomains < 1) {
            throw new IllegalArgumentException("DNS limits must be positive");
        }
    }

    /** The defaults with these resolvers. */
    public static DnsSettings of(List<InetSocketAddress> servers) {
        return new DnsSettings(servers, DEFAULT_TIMEOUT, DEFAULT_ATTEMPTS, DEFAULT_MAX_CNAME_HOPS, DEFAULT_MAX_MX_HOSTS,
                DEFAULT_DOMAIN_BUDGET, DEFAULT_PARALLEL_DOMAINS);
    }

    /** The resolvers this machine is configured with ({@code /etc/resolv.conf} and its equivalents). */
    public static DnsSettings system() {
        List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("this machine has no DNS resolver configured; write smtp.dns.server=host:port, "
                    + "for example 127.0.0.1:53");
        }
        return of(servers);
    }

    /**
     * Reads {@code smtp.dns.server}: an IP address with an optional port ({@code 127.0.0.1:5353}, {@code [::1]:53},
     * {@code 192.0.2.53}). A name is refused: looking it up would need another resolver.
     */
    public static DnsSettings server(String value) {
        String text = value.strip();
        boolean bare = Hosts.address(text).isPresent() || !text.contains(":");
        Target target;
        try {
            target = bare ? new Target(text.startsWith("[") ? text.substring(1, text.length() - 1) : text, DNS_PORT)
                    : Target.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; write the resolver's address and port, for example "
                    + "127.0.0.1:53 or [::1]:53");
        }
        InetAddress address = Hosts.address(target.host()).orElseThrow(() -> new IllegalArgumentException("'" + text
                + "' names the resolver by name, which would need another resolver to look up; write its IP address, for "
                + "example 127.0.0.1:53 or [::1]:53"));
        return of(List.of(new InetSocketAddress(address, target.port())));
    }

    public DnsSettings withTimeout(Duration newTimeout, int newAttempts) {
        return new DnsSettings(servers, newTimeout, newAttempts, maxCnameHops, maxMxHosts, domainBudget, parallelDomains);
    }

    public DnsSettings withLimits(int newMaxCnameHops, int newMaxMxHosts, Duration newDomainBudget) {
        return new DnsSettings(servers, timeout, attempts, newMaxCnameHops, newMaxMxHosts, newDomainBudget, parallelDomains);
    }

    /** The longest that resolving {@code domains} domains can take: batches of {@link #parallelDomains()}. */
    public Duration maxDuration(int domains) {
        int batches = (domains + parallelDomains - 1) / parallelDomains;
        return domainBudget.multipliedBy(batches);
    }

    /** The resolvers as {@code host:port}, for messages. */
    public String describeServers() {
        return servers.stream().map(s -> new Target(Hosts.canonical(s.getAddress()), s.getPort()).toString())
                .collect(Collectors.joining(", "));
    }
}
