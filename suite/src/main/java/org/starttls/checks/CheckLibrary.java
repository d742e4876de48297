package org.starttls.checks;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.starttls.cases.Check;
import org.starttls.cases.ConformanceCase;
import org.starttls.requirements.Catalogue;
import org.starttls.requirements.Requirement;
import org.starttls.script.RequirementText;
import org.starttls.script.Script;
import org.starttls.script.ScriptParseException;
import org.starttls.summary.Role;

/**
 * Turns the catalogue into runnable cases: each requirement's script cases, and the cases of the Java check its file
 * names. Java checks are found on the classpath, not listed: every class under {@code org.starttls.checks} that
 * implements {@link Check}. A file naming a check that does not exist, a check no file names, or a check whose cases
 * claim another requirement is an error before any connection.
 */
public final class CheckLibrary {

    private static final String PACKAGE = "org.starttls.checks";

    private CheckLibrary() {
    }

    private static List<ConformanceCase> loaded;

    /** Every case of every requirement, in catalogue order; built once, a broken file reported on every call. */
    public static synchronized List<ConformanceCase> cases() {
        if (loaded == null) {
            loaded = bind(Catalogue.get(), discover());
        }
        return loaded;
    }

    /** The cases of the requirements on an implementation in {@code role}, in catalogue order. */
    public static List<ConformanceCase> cases(Role role) {
        return cases().stream().filter(c -> c.requirement().role() == role).toList();
    }

    /** The Java checks on the classpath by the name a {@code @check} line uses: {@code Outer.Inner} for nested classes. */
    public static Map<String, Class<? extends Check>> discover() {
        Map<String, Class<? extends Check>> checks = new TreeMap<>();
        try (ScanResult scan = new ClassGraph().enableClassInfo().ignoreClassVisibility().acceptPackages(PACKAGE).scan()) {
            for (ClassInfo info : scan.getClassesImplementing(Check.class.getName())) {
                if (info.isAbstract() || info.isInterface() || info.isAnonymousInnerClass()) {
                    continue;
                }
                String name = info.getName().substring(info.getPackageName().length() + 1).replace('$', '.');
                if (checks.put(name, info.loadClass(Check.class)) != null) {
                    throw new IllegalStateException("two Java checks are named " + name + "; rename one");
                }
            }
        }
        return checks;
    }

    static List<ConformanceCase> bind(Catalogue catalogue, Map<String, Class<? extends Check>> checks) {
        List<ConformanceCase> cases = new ArrayList<>();
        Set<String> used = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Requirement r : catalogue.requirements()) {
            RequirementText text = catalogue.text(r);
            List<ConformanceCase> own = new ArrayList<>();
            for (Script script : text.cases()) {
                own.add(new ScriptCase(r, script));
            }
            text.joined("@check").ifPresent(line -> {
                String[] words = line.trim().split("\\s+");
                Class<? extends Check> type = checks.get(words[0]);
                if (type == null) {
                    throw new ScriptParseException(text.file(), text.line("@check"), "no Java check named " + words[0]
                            + "; the checks are " + String.join(", ", checks.keySet()));
                }
                used.add(words[0]);
                List<ConformanceCase> made;
                try {
                    made = instantiate(type).cases(r, List.of(words).subList(1, words.length));
                } catch (IllegalArgumentException e) {
                    throw new ScriptParseException(text.file(), text.line("@check"), words[0] + ": " + e.getMessage());
                }
                for (ConformanceCase c : made) {
                    if (c.requirement() != r) {
                        throw new IllegalStateException("check " + words[0] + " made a case for "
                                + c.requirement().id() + " when asked for " + r.id());
                    }
                }
                own.addAll(made);
            });
            for (ConformanceCase c : own) {
                if (!c.name().startsWith(r.id()) || !names.add(c.name())) {
                    throw new ScriptParseException(text.file(), 1, "case name " + c.name()
                            + " must be unique and start with the requirement id");
                }
            }
            cases.addAll(own);
        }
        Set<String> unused = new TreeSet<>(checks.keySet());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw new IllegalStateException("no requirement file names the Java check(s) " + unused
                    + "; name each in the @check line of the requirement it checks, or delete it");
        }
        return List.copyOf(cases);
    }

    private static Check instantiate(Class<? extends Check> type) {
        try {
            Constructor<? extends Check> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Java check " + type.getName() + " needs a constructor without arguments", e);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot create Java check " + type.getName() + ": " + e, e);
        }
    }
}
