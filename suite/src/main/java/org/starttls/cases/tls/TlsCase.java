package org.starttls.cases.tls;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.starttls.catalogue.Catalogue;
import org.starttls.catalogue.Requirement;
import org.starttls.client.TlsFacts;
import org.starttls.run.CaseContext;
import org.starttls.run.CaseResult;
import org.starttls.run.ConformanceCase;
import org.starttls.run.Verdict;

/**
 * A TLS-level case: one judgement of one requirement, from probe connections or from the facts of the target's probe
 * session. A failure of the suite itself is INCONCLUSIVE, never PASS.
 */
abstract class TlsCase implements ConformanceCase {

    /** The verdict with its evidence. */
    record Judgement(Verdict verdict, String detail, String transcript) {
        static Judgement of(Verdict verdict, String detail) {
            return new Judgement(verdict, detail, "");
        }
    }

    private final Requirement requirement;
    private final String name;
    private final String description;

    /** One case per requirement, named after it. */
    TlsCase(String requirementId, String description) {
        this.requirement = Catalogue.byId(requirementId);
        this.name = requirementId;
        this.description = description;
    }

    abstract Judgement judge(CaseContext context);

    @Override
    public final CaseResult run(CaseContext context) {
        long started = System.nanoTime();
        Judgement judgement;
        try {
            judgement = judge(context);
        } catch (RuntimeException e) {
            judgement = Judgement.of(Verdict.INCONCLUSIVE, "internal error in the suite: " + e);
        }
        Optional<TlsFacts> tls = context.facts() == null ? Optional.empty() : context.facts().tls();
        return new CaseResult(requirement, name, description, judgement.verdict(), judgement.detail(),
                judgement.transcript(), List.of(), Duration.ofNanos(System.nanoTime() - started), tls, sourceText());
    }

    @Override
    public Requirement requirement() {
        return requirement;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> needsClear() {
        return List.of();
    }

    @Override
    public List<String> needsTls() {
        return List.of();
    }

    @Override
    public Optional<URI> sourceUri() {
        return Optional.empty();
    }

    @Override
    public String sourceText() {
        return "Java case " + getClass().getSimpleName() + ": " + description;
    }
}
