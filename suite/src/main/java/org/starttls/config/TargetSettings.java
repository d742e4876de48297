package org.starttls.config;

import java.util.List;
import java.util.Optional;
import org.starttls.targets.DnsSettings;
import org.starttls.targets.PlannedTarget;
import org.starttls.targets.Shard;
import org.starttls.targets.TargetSources;

/**
 * What the run tests (DESIGN §10), as configured and checked, before any lookup: the listed servers
 * ({@code smtp.target}, then {@code smtp.targets.file}) and the {@code smtp.mx} domains, and the part of them this run
 * takes ({@code smtp.shard}).
 *
 * @param listed    servers from {@code smtp.target} (origin {@code smtp.target:N}, the N-th of the list) and
 *                  {@code smtp.targets.file} (origin {@code FILE:LINE}), in that order, each server once
 * @param mxDomains {@code smtp.mx}, canonical, in the order given
 * @param dns       the resolvers for {@code smtp.mx}; present exactly when there are domains
 * @param mxPort    {@code smtp.mx.port}: the port MX hosts are tested on, 25 but in test setups
 * @param shard     {@code smtp.shard}
 */
public record TargetSettings(List<PlannedTarget> listed, List<String> mxDomains, Optional<DnsSettings> dns, int mxPort,
                             Shard shard) {

    /** Port 25: MX hosts receive mail there (RFC 5321 §4.5.4.2 and its predecessors). */
    public static final int MX_PORT = 25;

    public TargetSettings {
        listed = List.copyOf(listed);
        mxDomains = List.copyOf(mxDomains);
    }

    /** No target at all: the embedded reference server stands in. */
    public boolean isEmpty() {
        return listed.isEmpty() && mxDomains.isEmpty();
    }

    /** The listed servers and domains this run's shard takes, before any lookup. */
    public TargetSources sources() {
        return new TargetSources(listed, mxDomains).shard(shard);
    }
}
