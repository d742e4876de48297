package org.starttls.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.starttls.cases.CaseResult;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.TargetFacts;
import org.starttls.client.Target;

/** The cases of one target in flight: the probe's facts and one future result per case, in catalogue order. */
public final class TargetRun {
    private final Target target;
    private final CompletableFuture<TargetFacts> facts;
    private final Map<ConformanceCase, CompletableFuture<CaseResult>> results;
    private final CompletableFuture<Long> durationMillis;

    TargetRun(Target target, CompletableFuture<TargetFacts> facts, Map<ConformanceCase, CompletableFuture<CaseResult>> results,
              long startedNanos) {
        this.target = target;
        this.facts = facts;
        this.results = new LinkedHashMap<>(results);
        this.durationMillis = CompletableFuture.allOf(results.values().toArray(CompletableFuture[]::new))
                .thenCombine(facts, (v, f) -> (System.nanoTime() - startedNanos) / 1_000_000);
    }

    public Target target() {
        return target;
    }

    public CompletableFuture<TargetFacts> facts() {
        return facts;
    }

    /** Every planned case with its future result; futures never complete exceptionally. */
    public Map<ConformanceCase, CompletableFuture<CaseResult>> results() {
        return results;
    }

    /** Completes when every case of this target has a verdict. */
    public CompletableFuture<Long> durationMillis() {
        return durationMillis;
    }
}
