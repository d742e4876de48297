package org.starttls.checks;

import java.time.Duration;
import java.util.List;
import org.starttls.cases.CaseContext;
import org.starttls.cases.CaseResult;
import org.starttls.cases.ConformanceCase;
import org.starttls.requirements.Catalogue;
import org.starttls.requirements.Requirement;
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

    /**
     * {@code c}, queued by the run before every other case: the run starts the longest planned waits first, and this
     * one claims a day. For tests whose point needs one case to run first (with {@code smtp.concurrency=1}).
     */
    public static ConformanceCase queuedFirst(ConformanceCase c) {
        return new ConformanceCase() {
            @Override
            public Requirement requirement() {
                return c.requirement();
            }

            @Override
            public String name() {
                return c.name();
            }

            @Override
            public String description() {
                return c.description();
            }

            @Override
            public List<String> needsClear() {
                return c.needsClear();
            }

            @Override
            public List<String> needsTls() {
                return c.needsTls();
            }

            @Override
            public String sourceText() {
                return c.sourceText();
            }

            @Override
            public Duration plannedWait() {
                return Duration.ofDays(1);
            }

            @Override
            public CaseResult run(CaseContext context) {
                return c.run(context);
            }
        };
    }
}
