package org.starttls.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.starttls.cases.CaseResult;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.TargetFacts;
import org.starttls.client.Target;
import org.starttls.targets.PlannedTarget;

/** The cases of one target in flight: the probe's facts and one future result per case, in catalogue order. */
public final class TargetRun {
    private final PlannedTarget planned;
    private final CompletableFuture<TargetFacts> facts;
    private final Map<ConformanceCase, CompletableFuture<CaseResult>> results;
    private final CompletableFuture<Long> durationMillis;

    TargetRun(PlannedTarget planned, CompletableFuture<TargetFacts> facts,
              Map<ConformanceCase, CompletableFuture<CaseResult>> results, long startedNanos) {
        this.planned = planned;
        this.facts = facts;
        this.results = new LinkedHashMap<>(results);
        this.durationMillis = CompletableFuture.allOf(results.values().toArray(CompletableFuture[]::new))
                .thenCombine(facts, (v, f) -> (System.nanoTime() - startedNanos) / 1_000_000);
    }

    public Target target() {
        return planned.target();
    }

    /** The target with its profile, expected names and why it is in the run. */
    public PlannedTarget planned() {
        return planned;
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
