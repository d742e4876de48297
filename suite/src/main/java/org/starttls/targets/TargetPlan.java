package org.starttls.targets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's targets: the listed ones ({@code smtp.target}, {@code smtp.targets.file}) and the MX addresses of the
 * {@code smtp.mx} domains, one target per server. An address that several domains or MX hosts share is one target
 * whose origins name each of them, so it is tested once and reported for every domain that uses it
 * ({@link PlannedTarget#domains()}). Targets are in {@link PlannedTarget#BY_KEY} order: the same on every machine.
 *
 * @param targets every server to test, once, sorted by key
 * @param domains what MX resolution found per domain, in the order given
 */
public record TargetPlan(List<PlannedTarget> targets, List<DomainReport> domains) {

    public TargetPlan {
        targets = List.copyOf(targets);
        domains = List.copyOf(domains);
    }

    /**
     * Merges listed targets and the targets of the domains, their MX hosts tested on {@code mxPort}
     * ({@link DomainReport#targets(int)}). Refuses one server with two profiles (a listed {@code require-tls} server
     * that is also a domain's MX), in one sentence naming both origins.
     */
    public static TargetPlan of(List<PlannedTarget> listed, List<DomainReport> domains, int mxPort) {
        Map<String, PlannedTarget> byKey = new LinkedHashMap<>();
        List<PlannedTarget> all = new ArrayList<>(listed);
        domains.forEach(d -> all.addAll(d.targets(mxPort)));
        for (PlannedTarget t : all) {
            byKey.merge(t.key(), t, PlannedTarget::merge);
        }
        return new TargetPlan(byKey.values().stream().sorted(PlannedTarget.BY_KEY).toList(), domains);
    }
}
