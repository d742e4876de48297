package org.starttls.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the configuration names, before any lookup: listed targets and {@code smtp.mx} domains. This is what
 * {@link #shard(Shard)} divides, and it is a deliberate choice:
 *
 * <ul>
 *   <li><b>Shards are cut before DNS.</b> Each job resolves only its own domains, and the split never depends on DNS
 *   answers, which differ between machines and minutes (round-robin and geo DNS rotate the A records of the big
 *   providers' MX hosts). A split of resolved addresses could leave an address in no shard or in two.</li>
 *   <li><b>A domain's targets stay together</b>: a domain is one unit, so its report (every MX address, the null MX,
 *   the failed lookup) comes from one job, complete.</li>
 *   <li><b>Listed targets on one host stay together</b>: the unit of a listed target is its host, so
 *   {@code mx.example.org:25} and {@code mx.example.org:587} are in the same job and its per-IP limits hold.</li>
 * </ul>
 *
 * The price: an address shared by domains in different shards (two domains hosted by one provider) is tested by each
 * of those jobs, and parallel jobs each apply their own per-IP limits to it. The merge keeps one result per target.
 *
 * @param listed  targets from {@code smtp.target} and {@code smtp.targets.file}
 * @param domains {@code smtp.mx} domains, canonical
 */
public record TargetSources(List<PlannedTarget> listed, List<String> domains) {

    public TargetSources {
        listed = List.copyOf(listed);
        domains = List.copyOf(domains);
    }

    /** The part of the sources that shard {@code shard} tests. */
    public TargetSources shard(Shard shard) {
        if (shard.isAll()) {
            return this;
        }
        Map<String, Integer> assigned = Shard.assign(shard.count(),
                Stream.concat(listed.stream().map(TargetSources::unit), domains.stream().map(TargetSources::unit)).toList());
        List<PlannedTarget> ownListed = new ArrayList<>();
        listed.stream().filter(t -> assigned.get(unit(t)) == shard.index()).forEach(ownListed::add);
        List<String> ownDomains = domains.stream().filter(d -> assigned.get(unit(d)) == shard.index()).toList();
        return new TargetSources(ownListed, ownDomains);
    }

    public boolean isEmpty() {
        return listed.isEmpty() && domains.isEmpty();
    }

    /** The shard unit of a listed target: its host, so every port of one host lands in one shard. */
    static String unit(PlannedTarget target) {
        return "host " + Hosts.canonical(target.target().host());
    }

    static String unit(String domain) {
        return "mx " + domain;
    }
}
