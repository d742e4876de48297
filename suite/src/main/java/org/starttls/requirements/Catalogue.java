package org.starttls.requirements;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.Resource;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import org.starttls.script.RequirementText;
import org.starttls.script.Script;
import org.starttls.script.ScriptParseException;
import org.starttls.script.ScriptParser;
import org.starttls.summary.Level;
import org.starttls.summary.Profile;
import org.starttls.summary.Role;

/**
 * Every requirement the suite checks: one {@code .smtp} file each under {@code requirements/<role>/rfc<n>/<section>/}
 * on the classpath, holding the RFC's words, the texts for the reports and the checks (script steps or the name of a
 * Java check). A file that breaks a rule is a {@link ScriptParseException} naming the file, the line and the rule,
 * before any connection is made.
 */
public final class Catalogue {

    /** Where the requirement files are, relative to the classpath. */
    public static final String ROOT = "requirements";

    private final Map<String, Requirement> byId;
    private final Map<String, RequirementText> texts;

    private Catalogue(Map<String, Requirement> byId, Map<String, RequirementText> texts) {
        this.byId = byId;
        this.texts = texts;
    }

    private static Catalogue loaded;

    /** The catalogue on the classpath, read once; a broken file is reported on every call, not just the first. */
    public static synchronized Catalogue get() {
        if (loaded == null) {
            loaded = fromClasspath();
        }
        return loaded;
    }

    /** Every requirement of the catalogue on the classpath, RFC 3207 first, then by RFC number, section and id. */
    public static List<Requirement> all() {
        return get().requirements();
    }

    /** Every requirement of this catalogue, RFC 3207 first, then by RFC number, section and id. */
    public List<Requirement> requirements() {
        return List.copyOf(byId.values());
    }

    /** The requirements on an implementation in {@code role} (the server's or the client's), in catalogue order. */
    public static List<Requirement> forRole(Role role) {
        return get().requirements().stream().filter(r -> r.role() == role).toList();
    }

    public static Optional<Requirement> find(String id) {
        return Optional.ofNullable(get().byId.get(id));
    }

    public static Requirement byId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown requirement id '" + id + "'"));
    }

    /** The requirement's file as written: its cases and its {@code @check} line. */
    public RequirementText text(Requirement requirement) {
        return texts.get(requirement.id());
    }

    private static Catalogue fromClasspath() {
        List<RequirementText> files = new ArrayList<>();
        try (ScanResult scan = new ClassGraph().acceptPaths(ROOT).scan()) {
            for (Resource resource : scan.getResourcesWithExtension("smtp")) {
                try {
                    files.add(ScriptParser.parse(resource.getPath(), resource.getContentAsString()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + resource.getPath(), e);
                }
            }
        }
        return of(files);
    }

    /** Validates the files and orders the requirements; the first broken rule is thrown. */
    public static Catalogue of(List<RequirementText> files) {
        Map<String, Requirement> byId = new LinkedHashMap<>();
        Map<String, RequirementText> texts = new LinkedHashMap<>();
        for (RequirementText file : files) {
            Requirement r = requirement(file);
            if (byId.put(r.id(), r) != null) {
                throw new ScriptParseException(file.file(), file.line("@id"), "requirement " + r.id() + " is defined twice");
            }
            texts.put(r.id(), file);
        }
        Map<String, Requirement> ordered = new LinkedHashMap<>();
        byId.values().stream().sorted(ORDER).forEach(r -> ordered.put(r.id(), r));
        return new Catalogue(ordered, texts);
    }

    private static final Comparator<Requirement> ORDER = Comparator
            .comparing((Requirement r) -> r.rfc() != 3207)
            .thenComparingInt(Requirement::rfc)
            .thenComparing(Requirement::section, Catalogue::compareSections)
            .thenComparing(Requirement::id);

    /** 4.2 before 4.10: section numbers compare part by part as numbers, of any length. */
    private static int compareSections(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            String p = x[i].replaceFirst("^0+(?=.)", "");
            String q = y[i].replaceFirst("^0+(?=.)", "");
            int c = p.length() != q.length() ? Integer.compare(p.length(), q.length()) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static Requirement requirement(RequirementText f) {
        String id = required(f, "@id");
        Matcher m = Requirement.parseId(id).orElseThrow(() -> broken(f, "@id", "requirement id '" + id
                + "' does not follow RFC<n>-<section>-<LEVEL>-<SLUG> (LEVEL one of MUST, MUSTNOT, SHOULD, SHOULDNOT, MAY, INFO)"));
        int rfc = Integer.parseInt(m.group(1)); // at most five digits
        String section = m.group(2);
        Level level = Level.valueOf(m.group(3));
        Role role = parse(f, "@role", Role::parse);
        String expectedPath = ROOT + "/" + role.value() + "/rfc" + rfc + "/" + section + "/" + id + ".smtp";
        if (!f.file().endsWith(expectedPath)) {
            throw broken(f, "@id", "the file of " + id + " belongs at " + expectedPath);
        }
        Set<Profile> profiles = EnumSet.noneOf(Profile.class);
        for (String p : required(f, "@profiles").split("\\s+")) {
            profiles.add(parse(f, "@profiles", v -> Profile.parse(p, role)));
        }
        String quote = required(f, "@quote");
        checkKeyword(f, level, quote);
        String fix = required(f, "@fix");
        if (fix.length() < 40) {
            throw broken(f, "@fix", "the fix hint says too little to act on; tell the operator what to change");
        }
        // every text a report shows exists in both report languages (smtp.report.lang=en|de); the RFC quote stays English
        String titleDe = required(f, "@title.de");
        String fixDe = required(f, "@fix.de");
        if (fixDe.length() < 40) {
            throw broken(f, "@fix.de", "the German fix hint says too little to act on; translate @fix");
        }
        if (f.cases().isEmpty() && f.joined("@check").isEmpty()) {
            throw broken(f, "@id", id + " has no check: write its steps after @case, or name a Java check with @check");
        }
        Set<String> names = new HashSet<>();
        for (Script s : f.cases()) {
            if (f.cases().size() > 1 && s.suffix().isEmpty()) {
                throw new ScriptParseException(f.file(), s.line(), "with several cases each needs a name: @case NAME: description");
            }
            if (!names.add(s.suffix().orElse(""))) {
                throw new ScriptParseException(f.file(), s.line(), "two cases are named " + s.suffix().orElse("(none)"));
            }
        }
        return new Requirement(id, rfc, section, level, m.group(4), role, required(f, "@section"), required(f, "@title"),
                Optional.of(titleDe), quote, fix, Optional.of(fixDe), profiles, f.joined("@derived"), f.file());
    }

    /**
     * Levels follow the RFC's words: a MUST requirement quotes a MUST, and so on (RFC 2119: RECOMMENDED is SHOULD,
     * OPTIONAL is MAY, REQUIRED and SHALL are MUST). INFO may quote the sentence it is derived from.
     */
    private static void checkKeyword(RequirementText f, Level level, String quote) {
        List<String> keywords = switch (level) {
            case MUST -> List.of("MUST", "REQUIRED", "SHALL");
            case MUSTNOT -> List.of("MUST NOT", "SHALL NOT");
            case SHOULD -> List.of("SHOULD", "RECOMMENDED");
            case SHOULDNOT -> List.of("SHOULD NOT", "NOT RECOMMENDED");
            case MAY -> List.of("MAY", "OPTIONAL");
            case INFO -> List.of();
        };
        if (!keywords.isEmpty() && keywords.stream().noneMatch(quote::contains)) {
            throw broken(f, "@quote", "the level " + level.keyword() + " in the id needs a quote with "
                    + String.join(" or ", keywords) + "; quote the RFC sentence the level comes from");
        }
    }

    private interface Parser<T> {
        T parse(String value);
    }

    private static <T> T parse(RequirementText f, String directive, Parser<T> parser) {
        String value = required(f, directive);
        try {
            return parser.parse(value);
        } catch (IllegalArgumentException e) {
            throw broken(f, directive, e.getMessage());
        }
    }

    private static String required(RequirementText f, String directive) {
        return f.joined(directive).orElseThrow(() -> new ScriptParseException(f.file(), 1, "no " + directive
                + " line; every requirement file has @id, @role, @section, @profiles, @quote, @title, @title.de, @fix and @fix.de"));
    }

    private static ScriptParseException broken(RequirementText f, String directive, String problem) {
        return new ScriptParseException(f.file(), f.line(directive), problem);
    }
}
