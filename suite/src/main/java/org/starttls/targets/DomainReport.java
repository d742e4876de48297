package org.starttls.targets;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.starttls.client.Target;
import org.starttls.summary.Profile;

/**
 * What MX resolution found for one {@code smtp.mx} domain: its mail exchangers by preference with their addresses,
 * and in one sentence what that means for the run.
 *
 * @param domain  the domain, canonical
 * @param status  whether it has targets, declares that it takes no mail, or could not be resolved
 * @param hosts   its MX hosts by preference (the domain itself for an implicit MX); empty for a null MX or a failure
 *                before the MX records
 * @param summary one sentence for reports: what was found, or why there is nothing to test
 * @param notes   facts worth reporting that do not stop the run (an MX host without address, an alias as MX, ...)
 */
public record DomainReport(String domain, Status status, List<MxHost> hosts, String summary, List<String> notes) {

    /** What the domain's DNS says. */
    public enum Status {
        /** At least one MX host has an address: those addresses are targets. */
        TESTABLE,
        /** A null MX (RFC 7505): the domain declares that it accepts no mail. A fact to report, not a failure. */
        NULL_MX,
        /**
         * Nothing to test although the domain should receive mail: it does not exist, its lookups failed or timed out,
         * or no MX host has an address. The run reports it like a target it could not reach.
         */
        FAILED
    }

    /**
     * One mail exchanger.
     *
     * @param name       its host name, canonical (for an implicit MX the domain, or the end of its CNAME chain)
     * @param preference its MX preference; 0 for an implicit MX
     * @param implicit   true for the implicit MX of a domain without MX records (RFC 5321 §5.1)
     * @param addresses  its A and AAAA addresses, IPv4 first, each once
     * @param problems   why some or all of its addresses are missing, one sentence each
     */
    public record MxHost(String name, int preference, boolean implicit, List<InetAddress> addresses, List<String> problems) {
        public MxHost {
            addresses = List.copyOf(addresses);
            problems = List.copyOf(problems);
        }
    }

    public DomainReport {
        hosts = List.copyOf(hosts);
        notes = List.copyOf(notes);
    }

    /**
     * One {@code offer-tls} target on {@code port} ({@code smtp.mx.port}) for every address of every MX host, the MX
     * host's name as the name the certificate should carry. An address of two MX hosts is two entries here;
     * {@link TargetPlan} merges them.
     */
    public List<PlannedTarget> targets(int port) {
        List<PlannedTarget> targets = new ArrayList<>();
        for (MxHost host : hosts) {
            Origin origin = new Origin.Mx(domain, host.name(), host.preference(), host.implicit());
            for (InetAddress address : host.addresses()) {
                targets.add(new PlannedTarget(new Target(Hosts.canonical(address), port), Profile.OFFER_TLS,
                        List.of(host.name()), List.of(origin)));
            }
        }
        return targets;
    }
}
