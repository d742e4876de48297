package org.starttls.cases;

import java.util.Arrays;
import java.util.List;
import org.starttls.requirements.Requirement;

/**
 * A check written in Java because a script cannot say it (alternatives, control sessions, several replies judged
 * together, TLS probes). A requirement file names it on its {@code @check} line, with arguments if the check takes
 * any; implementations are found on the classpath (package {@code org.starttls.checks}) and need a no-argument
 * constructor. The requirement's id is written only in its file: the check gets the requirement from there.
 */
public interface Check {

    /**
     * The cases that check {@code requirement}, configured by the words after the check's name on the {@code @check}
     * line; an {@link IllegalArgumentException} says what the arguments should have been.
     */
    List<ConformanceCase> cases(Requirement requirement, List<String> arguments);

    /** For checks that take one argument naming a constant of {@code choices}, e.g. {@code @check CertificateCheck CHAIN}. */
    static <E extends Enum<E>> E oneOf(Class<E> choices, List<String> arguments) {
        for (E choice : choices.getEnumConstants()) {
            if (arguments.size() == 1 && choice.name().equals(arguments.get(0))) {
                return choice;
            }
        }
        throw new IllegalArgumentException("name one of " + Arrays.toString(choices.getEnumConstants()));
    }

    /** For checks that take no arguments. */
    static void noArguments(List<String> arguments) {
        if (!arguments.isEmpty()) {
            throw new IllegalArgumentException("this check takes no arguments, found " + String.join(" ", arguments));
        }
    }
}
