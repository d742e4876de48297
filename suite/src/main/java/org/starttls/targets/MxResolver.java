package org.starttls.targets;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.starttls.client.Durations;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves {@code smtp.mx} domains to the addresses of their mail exchangers, the way a sending MTA would (RFC 5321
 * §5.1): the MX records by preference, each MX host's A and AAAA records; no MX record means the domain's own
 * addresses (the implicit MX); a null MX (RFC 7505, {@code MX 0 .}) means the domain accepts no mail. NXDOMAIN,
 * SERVFAIL, timeouts and MX hosts without addresses end in one sentence per domain ({@link DomainReport#summary()}),
 * never in an exception. Each domain takes at most {@link DnsSettings#domainBudget()}; a list of domains at most
 * {@link DnsSettings#maxDuration(int)}.
 *
 * <p>Thread-safe. Close it to stop its lookup threads.
 */
public final class MxResolver implements AutoCloseable {

    private static final int LOOKUP_THREADS = 16;

    private final DnsSettings settings;
    private final DnsLookup lookup;
    private final ExecutorService domainPool;
    private final ExecutorService lookupPool;

    public MxResolver(DnsSettings settings) {
        this.settings = settings;
        this.lookup = new DnsLookup(settings);
        this.domainPool = Executors.newFixedThreadPool(settings.parallelDomains(), new DefaultThreadFactory("mx-domain", true));
        this.lookupPool = Executors.newFixedThreadPool(LOOKUP_THREADS, new DefaultThreadFactory("mx-lookup", true));
    }

    /** Resolves every domain, {@link DnsSettings#parallelDomains()} at a time; the reports in the order given. */
    public List<DomainReport> resolveAll(List<String> domains) {
        List<CompletableFuture<DomainReport>> futures = domains.stream()
                .map(d -> CompletableFuture.supplyAsync(() -> resolve(d), domainPool)).toList();
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /** Resolves one domain (canonical, as {@link DomainNames} gives it) within the domain budget. */
    public DomainReport resolve(String domain) {
        long deadline = System.nanoTime() + settings.domainBudget().toNanos();
        Name name;
        try {
            name = Name.fromString(domain + ".");
        } catch (TextParseException e) {
            return failed(domain, "'" + domain + "' is not a domain name", List.of());
        }
        DnsLookup.Result mx = lookup.lookup(name, Type.MX, deadline);
        List<String> notes = new ArrayList<>();
        aliasNote(mx, "the domain", notes);
        switch (mx.kind()) {
            case FOUND:
                return withMxRecords(domain, mx, deadline, notes);
            case NODATA:
                return implicitMx(domain, mx.canonical(), deadline, notes);
            case NXDOMAIN:
                return failed(domain, domain + " does not exist (NXDOMAIN)" + viaAliases(mx)
                        + ": it has no mail exchanger to test", notes);
            default:
                return failed(domain, "the MX lookup of " + domain + " failed: " + problem(mx), notes);
        }
    }

    private DomainReport withMxRecords(String domain, DnsLookup.Result mx, long deadline, List<String> notes) {
        List<MXRecord> records = mx.records().stream().map(r -> (MXRecord) r).toList();
        List<MXRecord> real = records.stream().filter(r -> !r.getTarget().equals(Name.root)).toList();
        if (real.isEmpty()) {
            return new DomainReport(domain, DomainReport.Status.NULL_MX, List.of(), domain
                    + " publishes a null MX (MX 0 ., RFC 7505): it accepts no mail, so there is no server to test", notes);
        }
        if (real.size() < records.size()) {
            notes.add(domain + " publishes a null MX (MX 0 .) beside other MX records, which RFC 7505 §3 forbids; the null "
                    + "MX is ignored and the others are tested");
        }
        // one entry per host, at its lowest preference; by preference, then name, so the order is the same every run
        Map<String, Integer> byHost = new LinkedHashMap<>();
        real.stream().sorted(Comparator.comparingInt(MXRecord::getPriority).thenComparing(r -> text(r.getTarget())))
                .forEach(r -> byHost.putIfAbsent(text(r.getTarget()), r.getPriority()));
        List<Map.Entry<String, Integer>> chosen = new ArrayList<>(byHost.entrySet());
        if (chosen.size() > settings.maxMxHosts()) {
            notes.add(domain + " has " + chosen.size() + " MX hosts; only the " + settings.maxMxHosts()
                    + " most preferred are tested");
            chosen = chosen.subList(0, settings.maxMxHosts());
        }
        // every A and AAAA query of every host at once; only this thread waits, the pool's tasks never do
        List<Pending> pending = chosen.stream().map(e -> start(e.getKey(), e.getValue(), false, deadline)).toList();
        List<DomainReport.MxHost> resolved = pending.stream().map(p -> finish(p, deadline, notes)).toList();
        return report(domain, resolved, notes);
    }

    private DomainReport implicitMx(String domain, Name canonical, long deadline, List<String> notes) {
        DomainReport.MxHost self = finish(start(text(canonical), 0, true, deadline), deadline, notes);
        if (self.addresses().isEmpty()) {
            boolean noRecords = self.problems().stream().allMatch(p -> p.endsWith("has no A or AAAA record"));
            return failed(domain, noRecords
                    ? domain + " has no MX record and no A or AAAA record (RFC 5321 §5.1): it receives no mail, so there is "
                    + "no server to test"
                    : domain + " has no MX record, and its own address (the implicit MX, RFC 5321 §5.1) could not be "
                    + "resolved: " + String.join("; ", self.problems()), notes);
        }
        notes.add(domain + " has no MX record: its own address is tested as its implicit MX (RFC 5321 §5.1)");
        return report(domain, List.of(self), notes);
    }

    private DomainReport report(String domain, List<DomainReport.MxHost> hosts, List<String> notes) {
        List<DomainReport.MxHost> reachable = hosts.stream().filter(h -> !h.addresses().isEmpty()).toList();
        List<String> problems = hosts.stream().flatMap(h -> h.problems().stream()).distinct().toList();
        if (reachable.isEmpty()) {
            return failed(domain, "none of the MX hosts of " + domain + " has an address: " + String.join("; ", problems),
                    notes);
        }
        List<String> allNotes = new ArrayList<>(notes);
        problems.forEach(p -> allNotes.add("left out: " + p));
        int addresses = reachable.stream().mapToInt(h -> h.addresses().size()).sum();
        String summary = domain + ": " + count(hosts.size(), "MX host") + ", " + count(addresses, "address") + " to test"
                + (reachable.size() < hosts.size() ? " (" + (hosts.size() - reachable.size()) + " MX host"
                + (hosts.size() - reachable.size() == 1 ? "" : "s") + " without address)" : "");
        return new DomainReport(domain, DomainReport.Status.TESTABLE, hosts, summary, allNotes);
    }

    /** The A and AAAA lookups of one host, under way. */
    private record Pending(String host, int preference, boolean implicit, Name name,
                           CompletableFuture<DnsLookup.Result> a, CompletableFuture<DnsLookup.Result> aaaa) {
    }

    private Pending start(String host, int preference, boolean implicit, long deadline) {
        Name name = Name.root;
        try {
            name = Name.fromString(host + ".");
        } catch (TextParseException e) {
            // MX targets come from the wire and always parse; a name that does not is reported by finish()
        }
        Name asked = name;
        return new Pending(host, preference, implicit, asked,
                CompletableFuture.supplyAsync(() -> lookup.lookup(asked, Type.A, deadline), lookupPool),
                CompletableFuture.supplyAsync(() -> lookup.lookup(asked, Type.AAAA, deadline), lookupPool));
    }

    /** Waits for both lookups of one host: its addresses IPv4 first, its problems as sentences. */
    private DomainReport.MxHost finish(Pending p, long deadline, List<String> notes) {
        DnsLookup.Result a = join(p.a(), p.name(), Type.A, deadline);
        DnsLookup.Result aaaa = join(p.aaaa(), p.name(), Type.AAAA, deadline);
        Set<InetAddress> addresses = new LinkedHashSet<>();
        a.records().forEach(r -> addresses.add(((ARecord) r).getAddress()));
        aaaa.records().forEach(r -> addresses.add(((AAAARecord) r).getAddress()));
        List<InetAddress> usable = new ArrayList<>();
        for (InetAddress address : addresses) {
            if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
                notes.add(p.host() + " has the address " + Hosts.canonical(address) + ", where no server can listen; left out");
            } else {
                usable.add(address);
            }
        }
        usable.sort(Comparator.comparing((InetAddress x) -> !(x instanceof Inet4Address)).thenComparing(Hosts::canonical));
        if (!p.implicit()) {
            aliasNote(a.kind() == DnsLookup.Kind.FOUND ? a : aaaa, "MX host", notes);
        }
        return new DomainReport.MxHost(p.host(), p.preference(), p.implicit(), usable, hostProblems(p.host(), a, aaaa));
    }

    private List<String> hostProblems(String host, DnsLookup.Result a, DnsLookup.Result aaaa) {
        Set<String> problems = new LinkedHashSet<>();
        if (a.kind() == DnsLookup.Kind.NXDOMAIN || aaaa.kind() == DnsLookup.Kind.NXDOMAIN) {
            problems.add(host + " does not exist (NXDOMAIN)" + viaAliases(a.kind() == DnsLookup.Kind.NXDOMAIN ? a : aaaa));
        }
        for (DnsLookup.Result r : List.of(a, aaaa)) {
            if (r.failed() && r.kind() != DnsLookup.Kind.NXDOMAIN) {
                problems.add(problem(r));
            }
        }
        if (problems.isEmpty() && a.kind() == DnsLookup.Kind.NODATA && aaaa.kind() == DnsLookup.Kind.NODATA) {
            problems.add(host + " has no A or AAAA record");
        }
        return List.copyOf(problems);
    }

    private static DnsLookup.Result join(CompletableFuture<DnsLookup.Result> future, Name name, int type, long deadline) {
        try {
            // the lookup ends at the deadline by itself; the grace covers a pool that started it late
            return future.get(Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            future.cancel(true);
            return new DnsLookup.Result(DnsLookup.Kind.BUDGET, name, type, List.of(), List.of(), name, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DnsLookup.Result(DnsLookup.Kind.BUDGET, name, type, List.of(), List.of(), name, "interrupted");
        }
    }

    /** One sentence for a failed lookup. */
    String problem(DnsLookup.Result r) {
        String what = Type.string(r.type()) + " " + text(r.name());
        String servers = settings.describeServers();
        switch (r.kind()) {
            case NXDOMAIN:
                return text(r.canonical()) + " does not exist (NXDOMAIN)" + viaAliases(r);
            case SERVFAIL:
                return "the resolver answered SERVFAIL for " + what + ": the domain's name servers fail or its DNSSEC "
                        + "signatures do not validate";
            case REFUSED:
                return "the resolver " + servers + " refused to answer " + what + "; give smtp.dns.server a resolver that "
                        + "serves this machine";
            case RCODE:
                return "the resolver answered " + r.detail() + " for " + what;
            case TIMEOUT:
                return "no answer for " + what + " from " + servers + " within " + Durations.spaced(settings.timeout())
                        + " (" + settings.attempts() + " attempt" + (settings.attempts() == 1 ? "" : "s") + ")";
            case NETWORK:
                return "the resolver " + servers + " could not be asked for " + what + " (" + r.detail() + ")";
            case CNAME_LOOP:
                return text(r.name()) + " is a CNAME loop (" + chain(r) + ")";
            case CNAME_TOO_LONG:
                return text(r.name()) + " is a chain of more than " + settings.maxCnameHops() + " CNAMEs (" + chain(r) + ")";
            default:
                return what + " was not answered within the domain's budget of " + Durations.spaced(settings.domainBudget());
        }
    }

    private static void aliasNote(DnsLookup.Result r, String role, List<String> notes) {
        if (r.kind() != DnsLookup.Kind.FOUND || r.aliases().isEmpty()) {
            return;
        }
        String name = text(r.name());
        notes.add(role.equals("MX host")
                ? "MX host " + name + " is an alias (CNAME) of " + text(r.canonical()) + "; RFC 2181 §10.3 says an MX must "
                + "name a host, not an alias; its addresses are tested all the same"
                : name + " is an alias (CNAME) of " + text(r.canonical()) + "; the MX records of " + text(r.canonical())
                + " are used (RFC 5321 §5.1)");
    }

    private static String viaAliases(DnsLookup.Result r) {
        return r.aliases().isEmpty() ? "" : ", the end of the alias chain " + chain(r);
    }

    private static String chain(DnsLookup.Result r) {
        List<Name> names = new ArrayList<>(r.aliases());
        names.add(r.canonical());
        return names.stream().map(MxResolver::text).collect(Collectors.joining(" -> "));
    }

    private static DomainReport failed(String domain, String summary, List<String> notes) {
        return new DomainReport(domain, DomainReport.Status.FAILED, List.of(), summary, notes);
    }

    static String text(Name name) {
        return Hosts.canonical(name.toString(true));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("s") ? "es" : "s");
    }

    @Override
    public void close() {
        domainPool.shutdownNow();
        lookupPool.shutdownNow();
    }
}
