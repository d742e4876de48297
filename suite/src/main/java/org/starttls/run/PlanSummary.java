package org.starttls.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.starttls.config.SuiteConfig;
import org.starttls.summary.Gate;
import org.starttls.summary.Summary;
import org.starttls.targets.DomainReport;
import org.starttls.targets.Hosts;
import org.starttls.targets.Origin;
import org.starttls.targets.PlannedTarget;

/**
 * The many-targets part of {@code summary.json} (DESIGN §10): each target's identity (key, names, origins, domains),
 * the domains section, the order of targets, and the settings and fingerprint that tell the shards of one run from
 * those of another. A run and a merge of shards use the same rules, so that the merge of all shards is the run.
 */
public final class PlanSummary {

    /** {@link Summary.DomainSummary#status()} of a domain that could not be evaluated. */
    public static final String FAILED = DomainReport.Status.FAILED.name();

    /**
     * The order of targets in a summary: the listed ones first, {@code smtp.target} in its order, then targets files by
     * line; then the MX targets by key. It depends only on the targets themselves, so every shard and the merge agree.
     */
    public static final Comparator<Summary.TargetSummary> ORDER = Comparator
            .comparing((Summary.TargetSummary t) -> firstListed(t).map(o -> "smtp.target".equals(o.source()) ? 0 : 1).orElse(2))
            .thenComparing(t -> firstListed(t).map(Summary.Origin::source).orElse(""))
            .thenComparing(t -> firstListed(t).map(Summary.Origin::line).orElse(0))
            .thenComparing(PlanSummary::key);

    private PlanSummary() {
    }

    /** {@code summary} with the identity of the target it summarises. */
    static Summary.TargetSummary identify(Summary.TargetSummary summary, PlannedTarget planned) {
        return new Summary.TargetSummary(summary.target(), summary.profile(), summary.durationMillis(), summary.error(),
                summary.facts(), summary.counts(), summary.results(), summary.caseCounts(), summary.sessions(),
                summary.embedded(), summary.errorDe(), summary.role(), planned.key(),
                planned.serverNames().isEmpty() ? null : planned.serverNames(),
                planned.origins().stream().map(PlanSummary::origin).toList(),
                planned.domains().isEmpty() ? null : planned.domains());
    }

    /** The canonical key of a summarised target; summaries without one (written before keys existed) by their name. */
    public static String key(Summary.TargetSummary target) {
        return target.key() != null ? target.key() : target.target();
    }

    static Summary.Origin origin(Origin origin) {
        if (origin instanceof Origin.Listed l) {
            return new Summary.Origin(l.source(), l.line(), null, null, null, null, l.describe());
        }
        Origin.Mx mx = (Origin.Mx) origin;
        return new Summary.Origin(null, null, mx.domain(), mx.host(), mx.preference(), mx.implicit(), mx.describe());
    }

    /** The domains section, sorted by domain; each domain's {@code passed} is the gate over its targets alone. */
    static List<Summary.DomainSummary> domains(List<DomainReport> reports, List<Summary.TargetSummary> targets, Gate gate) {
        List<Summary.DomainSummary> domains = new ArrayList<>();
        for (DomainReport d : reports) {
            List<Summary.MxHost> hosts = d.hosts().stream().map(h -> new Summary.MxHost(h.name(), h.preference(),
                    h.implicit(), h.addresses().stream().map(Hosts::canonical).toList(), h.problems())).toList();
            domains.add(new Summary.DomainSummary(d.domain(), d.status().name(), d.summary(), d.notes(), hosts, List.of(),
                    false));
        }
        return withTargets(domains, targets, gate);
    }

    /** The domains with their targets' keys and whether the gate passes for each; sorted by domain. */
    public static List<Summary.DomainSummary> withTargets(List<Summary.DomainSummary> domains,
                                                          List<Summary.TargetSummary> targets, Gate gate) {
        return domains.stream().map(d -> {
            List<Summary.TargetSummary> own = targets.stream()
                    .filter(t -> t.domains() != null && t.domains().contains(d.domain())).toList();
            boolean passed = !FAILED.equals(d.status()) && SummaryBuilder.gate(gate, own, List.of()).passed();
            return new Summary.DomainSummary(d.domain(), d.status(), d.summary(), d.notes(), d.hosts(),
                    own.stream().map(PlanSummary::key).toList(), passed);
        }).sorted(Comparator.comparing(Summary.DomainSummary::domain)).toList();
    }

    /**
     * The settings every shard of one run must share, as {@code smtp.*} text: what is tested and how it is judged; a
     * setting not given is absent. Not in here: the shard itself, where and in which language reports go, the DNS
     * resolvers (each machine may ask its own), and secrets (only whether an account is set). A trusted PEM file is
     * named by its content: each machine may keep it elsewhere.
     */
    static Map<String, String> settings(SuiteConfig config) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("smtp.target", config.targets().listed().stream()
                .filter(t -> t.origins().stream().anyMatch(o -> o instanceof Origin.Listed l && l.source().equals("smtp.target")))
                .map(PlannedTarget::key).collect(Collectors.joining(",")));
        settings.put("smtp.targets.file", config.targets().listed().stream()
                .filter(t -> t.origins().stream().anyMatch(o -> o instanceof Origin.Listed l && l.line() > 0
                        && !l.source().equals("smtp.target")))
                .map(t -> t.key() + " " + t.profile()).collect(Collectors.joining(",")));
        settings.put("smtp.mx", String.join(",", config.targets().mxDomains()));
        settings.put("smtp.mx.port", String.valueOf(config.targets().mxPort()));
        settings.put("smtp.profile", config.profile().propertyValue());
        settings.put("smtp.tls.trust", trust(config.trust()));
        settings.put("smtp.tls.servername", config.serverName().orElse(""));
        settings.put("smtp.tls.strict", String.valueOf(config.tlsStrict()));
        settings.put("smtp.helo", config.helo());
        settings.put("smtp.gate", config.gate().name());
        settings.put("smtp.select", String.join(",", config.select()));
        settings.put("smtp.timeout", config.timeout().toMillis() + "ms");
        settings.put("smtp.concurrency", config.politeness().remote().maxSessions() + "/"
                + config.politeness().loopback().maxSessions());
        settings.put("smtp.rate", config.politeness().remote().describe() + "; " + config.politeness().loopback().describe());
        settings.put("smtp.retry.421", config.retry421().map(d -> d.toMillis() + "ms").orElse(""));
        settings.put("smtp.auth", config.credentials().isPresent() ? "account given" : "");
        settings.values().removeIf(String::isEmpty);
        return settings;
    }

    /** {@code sha256:HEX} of the settings, one {@code key=value} line each, sorted. */
    static String fingerprint(Map<String, String> settings) {
        return sha256(new TreeMap<>(settings).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                .collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8));
    }

    private static String trust(String trust) {
        if (trust.equals("system") || trust.equals("any")) {
            return trust;
        }
        try {
            return "PEM " + sha256(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(trust)));
        } catch (java.io.IOException e) {
            return trust;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static java.util.Optional<Summary.Origin> firstListed(Summary.TargetSummary t) {
        return t.origins() == null ? java.util.Optional.empty()
                : t.origins().stream().filter(o -> o.source() != null).findFirst();
    }
}
