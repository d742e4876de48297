package org.starttls.fuzz;

import java.util.List;
import org.starttls.requirements.Catalogue;
import org.starttls.script.RequirementText;
import org.starttls.script.ScriptParseException;
import org.starttls.script.ScriptParser;
import org.starttls.script.Step;

/**
 * What must hold for any text given as a requirement file: it is read and validated, or it is refused with a
 * {@link ScriptParseException} that names a line of the text; never another exception.
 */
final class ScriptProperty {

    private ScriptProperty() {
    }

    static void check(String text) {
        try {
            RequirementText file = ScriptParser.parse("requirements/server/rfc3207/4/fuzz.smtp", text);
            if (file.cases().stream().anyMatch(c -> c.steps().stream().noneMatch(Step::verdict))) {
                throw new AssertionError("accepted a case without a verdict step: " + text);
            }
            Catalogue.of(List.of(file));
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
