package org.starttls.script;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A requirement file as written: its header directives and its cases, before anything is checked against anything
 * else. {@code org.starttls.requirements.Catalogue} turns it into a requirement and validates it.
 *
 * @param headers the values of each header directive in file order (repeated lines of one directive are kept apart)
 * @param lines   the line of the first occurrence of each directive, for messages
 */
public record RequirementText(String file, String text, Map<String, List<String>> headers, Map<String, Integer> lines,
                              List<Script> cases) {

    public RequirementText {
        headers = Map.copyOf(headers);
        lines = Map.copyOf(lines);
        cases = List.copyOf(cases);
    }

    /** The directive's lines joined with a space (a long quote spans several {@code @quote} lines), if present. */
    public Optional<String> joined(String directive) {
        return Optional.ofNullable(headers.get(directive)).map(v -> String.join(" ", v));
    }

    /** The line of the directive, or 1 when the file does not have it. */
    public int line(String directive) {
        return lines.getOrDefault(directive, 1);
    }
}
