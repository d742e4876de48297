package org.starttls.run;

import java.io.PrintStream;
import java.util.List;
import org.starttls.config.ConfigException;
import org.starttls.config.SuiteConfig;
import org.starttls.config.TargetSettings;
import org.starttls.targets.DnsSettings;
import org.starttls.targets.DomainReport;
import org.starttls.targets.MxResolver;
import org.starttls.targets.PlannedTarget;
import org.starttls.targets.RunTimeBound;
import org.starttls.targets.Shard;
import org.starttls.targets.TargetPlan;
import org.starttls.targets.TargetSources;

/**
 * What one run tests, settled before its first SMTP connection (DESIGN §10): this shard's part of the listed targets
 * and {@code smtp.mx} domains (cut before any lookup, {@link TargetSources}), the domains' MX addresses, and all of
 * them merged into one target per server ({@link TargetPlan}): a server that several domains share is tested once and
 * reported for each.
 *
 * @param shard   the run's {@code smtp.shard}
 * @param targets every server to test, once
 * @param domains what MX resolution found, per domain of this shard
 */
public record RunPlan(Shard shard, List<PlannedTarget> targets, List<DomainReport> domains) {

    public RunPlan {
        targets = List.copyOf(targets);
        domains = List.copyOf(domains);
    }

    /**
     * Takes the shard's part, resolves its domains (printing the DNS time bound first and one line per domain), and
     * merges everything into targets. One server with two profiles (a listed {@code require-tls} server that is also a
     * domain's MX) is a configuration error.
     */
    public static RunPlan make(SuiteConfig config, PrintStream console) {
        TargetSettings settings = config.targets();
        TargetSources sources = settings.sources();
        if (!settings.shard().isAll()) {
            console.println("[smtp] shard " + settings.shard() + ": " + sources.listed().size() + " of "
                    + settings.listed().size() + " listed targets and " + sources.domains().size() + " of "
                    + settings.mxDomains().size() + " domains" + (sources.isEmpty() ? "; nothing to test in this shard" : ""));
        }
        List<DomainReport> domains = List.of();
        if (!sources.domains().isEmpty()) {
            DnsSettings dns = settings.dns().orElseThrow();
            console.println("[smtp] resolving the MX hosts of " + sources.domains().size() + " domain"
                    + (sources.domains().size() == 1 ? "" : "s") + " with " + dns.describeServers() + ": at most "
                    + RunTimeBound.human(dns.maxDuration(sources.domains().size()), true));
            try (MxResolver resolver = new MxResolver(dns)) {
                domains = resolver.resolveAll(sources.domains());
            }
            domains.forEach(d -> console.println("[smtp] MX " + d.summary()));
        }
        try {
            return new RunPlan(settings.shard(), TargetPlan.of(sources.listed(), domains, settings.mxPort()).targets(),
                    domains);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
