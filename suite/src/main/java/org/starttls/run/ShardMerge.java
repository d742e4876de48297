package org.starttls.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Gate;
import org.starttls.summary.Summary;
import org.starttls.summary.SummaryJson;
import org.starttls.summary.Verdict;
import org.starttls.targets.Shard;

/**
 * Merges the summaries of the shards of one run ({@code smtp.shard=i/n}, DESIGN §10) into the summary the run would
 * have written unsharded: every target once (a server that shards share, because domains of two shards use it, is one
 * target whose requirements take the worse verdict, {@link Verdict#and}, and whose origins are all its shards'), the
 * domains of all shards, and the gate applied once over everything.
 *
 * <p>Refuses, in one sentence each: a folder without summary.json, a shard that did not run (exit code 3), a summary
 * that is not a shard's, shards of different counts, a shard given twice or missing, and shards written by another
 * version of the suite or with other settings (their {@code fingerprint}; the sentence names the settings that
 * differ, the gate level among them).
 */
public final class ShardMerge {

    private ShardMerge() {
    }

    /** A reason not to merge, in one sentence. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private record Part(Path dir, Shard shard, Summary summary) {
    }

    /** Reads {@code dir/summary.json} of every shard and merges them. */
    public static Summary merge(List<Path> dirs) throws Refused {
        if (dirs.isEmpty()) {
            throw new Refused("no shard folder given; write merge OUT_DIR SHARD_DIR... with the report folder of every shard");
        }
        List<Part> parts = new ArrayList<>();
        for (Path dir : dirs) {
            parts.add(read(dir));
        }
        check(parts);
        return combine(parts.stream().sorted(Comparator.comparingInt(p -> p.shard().index())).toList());
    }

    private static Part read(Path dir) throws Refused {
        Path file = dir.resolve(SummaryJson.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new Refused(dir + " has no " + SummaryJson.FILE_NAME + "; give the report folder (smtp.report.dir) of "
                    + "each shard");
        }
        Summary summary;
        try {
            summary = SummaryJson.read(file);
        } catch (IOException e) {
            throw new Refused(file + " cannot be read as a summary (" + e.getMessage().lines().findFirst().orElse("")
                    + "); give the folder a shard's run wrote");
        }
        if (summary.gate() != null && summary.gate().exit() == ExitCode.CONFIGURATION_ERROR) {
            throw new Refused("the run in " + dir + " was refused before any connection ("
                    + String.join("; ", summary.gate().reasons()) + "); fix it and run that shard again");
        }
        if (summary.shard() == null) {
            throw new Refused(dir + " holds the report of a run that was not sharded; give the folders of runs with "
                    + "smtp.shard=i/n");
        }
        try {
            return new Part(dir, Shard.parse(summary.shard()), summary);
        } catch (IllegalArgumentException e) {
            throw new Refused(file + ": " + e.getMessage());
        }
    }

    private static void check(List<Part> parts) throws Refused {
        Part first = parts.get(0);
        int count = first.shard().count();
        Map<Integer, Part> byIndex = new TreeMap<>();
        for (Part p : parts) {
            if (p.shard().count() != count) {
                throw new Refused(p.dir() + " is shard " + p.shard() + " but " + first.dir() + " is shard " + first.shard()
                        + "; give the shards of one run");
            }
            Part twice = byIndex.putIfAbsent(p.shard().index(), p);
            if (twice != null) {
                throw new Refused(twice.dir() + " and " + p.dir() + " are both shard " + p.shard() + "; give each shard once");
            }
            if (!Objects.equals(p.summary().version(), first.summary().version())) {
                throw new Refused("shard " + p.shard() + " (" + p.dir() + ") was written by version " + p.summary().version()
                        + " of the suite, shard " + first.shard() + " (" + first.dir() + ") by " + first.summary().version()
                        + "; run every shard with the same version");
            }
            if (!Objects.equals(p.summary().fingerprint(), first.summary().fingerprint())) {
                throw new Refused("shard " + p.shard() + " (" + p.dir() + ") was run with other settings than shard "
                        + first.shard() + " (" + first.dir() + "): " + differences(first.summary(), p.summary())
                        + "; run every shard with the same settings");
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i + "/" + count);
            }
        }
        if (!missing.isEmpty()) {
            throw new Refused("shard" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " "
                    + (missing.size() == 1 ? "is" : "are") + " missing; give the report folders of all " + count + " shards");
        }
    }

    /** {@code smtp.gate=MUST vs SHOULD, smtp.select=(not set) vs RFC3207-*}. */
    private static String differences(Summary a, Summary b) {
        Map<String, String> left = a.settings() == null ? Map.of() : a.settings();
        Map<String, String> right = b.settings() == null ? Map.of() : b.settings();
        Set<String> keys = new TreeSet<>(left.keySet());
        keys.addAll(right.keySet());
        List<String> differ = new ArrayList<>();
        for (String key : keys) {
            if (!Objects.equals(left.get(key), right.get(key))) {
                differ.add(key + "=" + shown(left.get(key)) + " vs " + shown(right.get(key)));
            }
        }
        return differ.isEmpty() ? "their fingerprints differ" : String.join(", ", differ);
    }

    private static String shown(String value) {
        return value == null ? "(not set)" : value;
    }

    private static Summary combine(List<Part> parts) {
        Summary first = parts.get(0).summary();
        Gate gate = first.gate().level();
        Map<String, List<Summary.TargetSummary>> byKey = new LinkedHashMap<>();
        Map<String, Summary.DomainSummary> domains = new LinkedHashMap<>();
        String startedAt = first.startedAt();
        for (Part p : parts) {
            p.summary().targets().forEach(t -> byKey.computeIfAbsent(PlanSummary.key(t), k -> new ArrayList<>()).add(t));
            if (p.summary().domains() != null) {
                p.summary().domains().forEach(d -> domains.putIfAbsent(d.domain(), d));
            }
            if (p.summary().startedAt() != null && (startedAt == null || p.summary().startedAt().compareTo(startedAt) < 0)) {
                startedAt = p.summary().startedAt();
            }
        }
        List<Summary.TargetSummary> targets = new ArrayList<>(byKey.values().stream().map(ShardMerge::one).toList());
        targets.sort(PlanSummary.ORDER);
        List<Summary.DomainSummary> merged = PlanSummary.withTargets(List.copyOf(domains.values()), targets, gate);
        return new Summary(first.suite(), first.version(), startedAt, targets, SummaryBuilder.gate(gate, targets, merged),
                null, first.lang(), null, first.fingerprint(), first.settings(), merged.isEmpty() ? null : merged);
    }

    /**
     * One target from its summaries in several shards: per requirement the worse verdict with that shard's cases and
     * detail, the union of origins, names and domains; not evaluated when any shard could not evaluate it.
     */
    private static Summary.TargetSummary one(List<Summary.TargetSummary> copies) {
        Summary.TargetSummary first = copies.get(0);
        if (copies.size() == 1) {
            return first;
        }
        Map<String, Summary.RequirementResult> results = new LinkedHashMap<>();
        for (Summary.TargetSummary copy : copies) {
            for (Summary.RequirementResult r : copy.results()) {
                results.merge(r.id(), r, (a, b) -> a.verdict().and(b.verdict()) == a.verdict() ? a : b);
            }
        }
        Summary.TargetSummary failed = copies.stream().filter(c -> c.error() != null).findFirst().orElse(null);
        Summary.TargetSummary evaluated = copies.stream().filter(c -> c.error() == null).findFirst().orElse(first);
        Set<Summary.Origin> origins = new LinkedHashSet<>();
        Set<String> names = new TreeSet<>();
        Set<String> domains = new TreeSet<>();
        for (Summary.TargetSummary copy : copies) {
            addAll(origins, copy.origins());
            addAll(names, copy.serverNames());
            addAll(domains, copy.domains());
        }
        return new Summary.TargetSummary(first.target(), first.profile(),
                copies.stream().mapToLong(Summary.TargetSummary::durationMillis).max().orElse(0),
                failed == null ? null : failed.error(), (failed == null ? evaluated : failed).facts(), null,
                List.copyOf(results.values()), null, sessions(copies), first.embedded(),
                failed == null ? null : failed.errorDe(), first.role(), first.key(), names.isEmpty() ? null : List.copyOf(names),
                List.copyOf(origins), domains.isEmpty() ? null : List.copyOf(domains));
    }

    /** The sessions every shard opened to the target; unknown when one shard did not count them. */
    private static Integer sessions(List<Summary.TargetSummary> copies) {
        return copies.stream().anyMatch(c -> c.sessions() == null) ? null
                : copies.stream().mapToInt(Summary.TargetSummary::sessions).sum();
    }

    private static <T> void addAll(Set<T> into, List<T> values) {
        if (values != null) {
            into.addAll(values);
        }
    }
}
