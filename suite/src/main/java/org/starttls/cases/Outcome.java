package org.starttls.cases;

import org.starttls.i18n.Text;
import org.starttls.summary.Verdict;

/**
 * A case's verdict with the sentence that explains it, and any evidence beyond the case's own sessions (the
 * transcript of a TLS probe). {@code text}, when set, is the same sentence as a message key with arguments, so the
 * reports can render it in German too; {@code detail} is always its English rendering.
 */
public record Outcome(Verdict verdict, String detail, String evidence, Text text) {

    public Outcome(Verdict verdict, String detail, String evidence) {
        this(verdict, detail, evidence, null);
    }

    public Outcome(Verdict verdict, String detail) {
        this(verdict, detail, "");
    }

    /** A verdict with a translatable sentence. */
    public static Outcome of(Verdict verdict, Text text) {
        return new Outcome(verdict, text.english(), "", text);
    }

    public static Outcome pass(String detail) {
        return new Outcome(Verdict.PASS, detail);
    }

    public static Outcome fail(String detail) {
        return new Outcome(Verdict.FAIL, detail);
    }

    public static Outcome inconclusive(String detail) {
        return new Outcome(Verdict.INCONCLUSIVE, detail);
    }

    /** The server's behaviour does not let the requirement be observed; the detail says why. */
    public static Outcome notApplicable(String detail) {
        return new Outcome(Verdict.NOT_APPLICABLE, detail);
    }
}
