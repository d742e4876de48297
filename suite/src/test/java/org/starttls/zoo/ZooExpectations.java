package org.starttls.zoo;

import static org.starttls.zoo.Expectation.kills;

import java.util.List;
import org.starttls.fixtures.server.ServerOptions.Mode;
import org.starttls.fixtures.zoo.Kills;
import org.starttls.fixtures.zoo.Variant;

/**
 * The mutation self-test's expectations: what each variant declares it kills ({@link Variant#kills()}), and the
 * runs of a variant beyond its own mode. Ids the catalogue does not define are caught at test time.
 */
final class ZooExpectations {

    /** A variant that is also run in another mode, where its flaw breaks a rule of that profile. */
    record ExtraRun(Variant variant, Mode mode, Expectation expectation) {
    }

    /** Runs beyond each variant's own mode. */
    static List<ExtraRun> extraRuns() {
        // an opportunistic MX must still talk TLS with a bad certificate, and the problem is reported (RFC 7435)
        return List.of(new ExtraRun(Variant.EXPIRED_CERTIFICATE, Mode.OFFER_TLS, kills("RFC7435-1-INFO-CERT-PROBLEMS")));
    }

    private ZooExpectations() {
    }

    /** The expectation a variant declares next to itself ({@link Variant#kills()}). */
    static Expectation of(Variant variant) {
        Kills kills = variant.kills();
        return switch (kills.kind()) {
            case ROBUSTNESS -> Expectation.bounded();
            case NONE -> Expectation.killsNothing();
            case RULE -> new Expectation(Expectation.Kind.RULE, kills.fails());
        };
    }
}
