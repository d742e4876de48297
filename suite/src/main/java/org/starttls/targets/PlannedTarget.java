package org.starttls.targets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.starttls.client.Target;
import org.starttls.summary.Profile;

/**
 * One server the run will test, with everything that belongs to it rather than to the run: its profile, the names its
 * certificate may carry, and every reason it is in the run. Two entries for the same {@code host:port} are one target
 * ({@link #merge}), so an address shared by several domains or MX hosts is tested once and reported for each.
 *
 * @param target      where to connect; for an MX target the address itself
 * @param profile     what the server should do; an MX target is {@code offer-tls}
 * @param serverNames the names the certificate may carry, sorted; the first is sent as SNI. Empty: the run's
 *                    {@code smtp.tls.servername}, or the host part of the target
 * @param origins     why the target is here, in the order found, without repeats
 */
public record PlannedTarget(Target target, Profile profile, List<String> serverNames, List<Origin> origins) {

    /** Sorts targets by {@link #key()}. */
    public static final Comparator<PlannedTarget> BY_KEY = Comparator.comparing(PlannedTarget::key);

    public PlannedTarget {
        serverNames = List.copyOf(new TreeSet<>(serverNames));
        origins = List.copyOf(origins.stream().distinct().toList());
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("a planned target needs an origin");
        }
    }

    /** A target the operator listed, with no expected name beyond the run's. */
    public static PlannedTarget listed(Target target, Profile profile, String source, int line) {
        return new PlannedTarget(target, profile, List.of(), List.of(new Origin.Listed(source, line)));
    }

    /** {@code host:port} in canonical spelling: equal keys are the same server. */
    public String key() {
        return Hosts.key(target);
    }

    /** The name to send as SNI and to check the certificate against, when this target has one of its own. */
    public Optional<String> serverName() {
        return serverNames.stream().findFirst();
    }

    /** The domains whose MX this target is, sorted. */
    public List<String> domains() {
        return origins.stream().flatMap(o -> o.forDomain().stream()).distinct().sorted().toList();
    }

    /**
     * The same server found twice: one target with both origins and all names. Refuses two different profiles for one
     * server, naming both origins.
     */
    public PlannedTarget merge(PlannedTarget other) {
        if (!key().equals(other.key())) {
            throw new IllegalArgumentException("cannot merge " + key() + " with " + other.key());
        }
        if (profile != other.profile) {
            throw new IllegalArgumentException(key() + " is " + profile + " as " + origins.get(0).describe() + " but "
                    + other.profile + " as " + other.origins.get(0).describe() + "; give one server one profile"
                    + (profile == Profile.OFFER_TLS || other.profile == Profile.OFFER_TLS
                    ? " (a public MX is offer-tls: RFC 3207 §4 forbids it to require TLS)" : ""));
        }
        List<String> names = new ArrayList<>(serverNames);
        names.addAll(other.serverNames);
        List<Origin> all = new ArrayList<>(origins);
        all.addAll(other.origins);
        return new PlannedTarget(target, profile, names, all);
    }

    @Override
    public String toString() {
        return key() + " " + profile + serverName().map(n -> " (" + n + ")").orElse("");
    }
}
