package org.starttls.checks;

import org.starttls.cases.ConformanceCase;
import org.starttls.requirements.Catalogue;
import org.starttls.script.ScriptParser;

/** Cases written inline by a self-test, run beside the catalogue's through the same engine: scripts of a known requirement. */
public final class ExtraScripts {

    private ExtraScripts() {
    }

    /** A case of {@code requirementId} named {@code requirementId-SUFFIX}, with {@code steps} in the .smtp grammar. */
    public static ConformanceCase of(String requirementId, String suffix, String description, String steps) {
        String text = "@case " + suffix + ": " + description + "\n" + steps;
        return new ScriptCase(Catalogue.byId(requirementId),
                ScriptParser.parse("self-test/" + requirementId + "-" + suffix + ".smtp", text).cases().get(0));
    }
}
