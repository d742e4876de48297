package org.starttls.fuzz;

import org.starttls.script.Script;
import org.starttls.script.ScriptParseException;
import org.starttls.script.ScriptParser;

/**
 * What must hold for any text given as a scenario script: it parses, or it is refused with a
 * {@link ScriptParseException} that names a line of the text; never another exception.
 */
final class ScriptProperty {

    private ScriptProperty() {
    }

    static void check(String text) {
        try {
            Script script = ScriptParser.parse("fuzz.smtp", text);
            if (script.requirementId().isBlank() || script.steps().isEmpty()) {
                throw new AssertionError("accepted a script without id or steps: " + text);
            }
        } catch (ScriptParseException refused) {
            int lines = text.split("\r?\n", -1).length;
            if (refused.getMessage() == null || refused.getMessage().isBlank()) {
                throw new AssertionError("refusal without a message", refused);
            }
            if (refused.line() < 1 || refused.line() > lines) {
                throw new AssertionError("refusal names line " + refused.line() + " of " + lines, refused);
            }
        }
    }
}
