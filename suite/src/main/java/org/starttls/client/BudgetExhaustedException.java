package org.starttls.client;

import java.time.Duration;

/** The case's time budget ran out while waiting: the server is too slow to judge, never a verdict on it. */
public final class BudgetExhaustedException extends SessionException {

    public BudgetExhaustedException(Duration budget, String what) {
        super("the case's time budget of " + Durations.human(budget) + " ran out while waiting for " + what
                + "; the server answers too slowly to judge");
    }
}
