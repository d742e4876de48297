package org.starttls.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.starttls.catalogue.Catalogue;
import org.starttls.catalogue.Requirement;

/**
 * Loads every {@code .smtp} script under a folder and binds it to its catalogue entry. An unknown id, or a
 * {@code @quote} that is not the catalogue's wording, is a {@link ScriptParseException}: the build stops there.
 */
public final class ScenarioLibrary {

    private ScenarioLibrary() {
    }

    public static List<ScriptCase> load(Path root) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".smtp")).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scenario folder " + root, e);
        }
        List<ScriptCase> cases = new ArrayList<>();
        for (Path file : files) {
            String name = root.getFileName() + "/" + root.relativize(file).toString().replace('\\', '/');
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read scenario " + name, e);
            }
            cases.add(bind(ScriptParser.parse(name, text), Optional.of(file.toUri())));
        }
        return List.copyOf(cases);
    }

    /** Checks the script against the catalogue and makes it runnable. */
    public static ScriptCase bind(Script script, Optional<java.net.URI> source) {
        Requirement requirement = Catalogue.find(script.requirementId()).orElseThrow(() -> new ScriptParseException(
                script.file(), lineOf(script.text(), "@id"), "unknown requirement id '" + script.requirementId()
                + "'; add it to org.starttls.catalogue.Catalogue or fix the spelling"));
        String quote = normalise(requirement.quote());
        for (String q : script.quotes()) {
            if (!quote.contains(normalise(q))) {
                throw new ScriptParseException(script.file(), lineOf(script.text(), q), "@quote '" + q
                        + "' is not in the catalogue's quote of " + requirement.id() + "; quote the RFC verbatim");
            }
        }
        return new ScriptCase(script, requirement, source);
    }

    private static String normalise(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        return 1;
    }
}
