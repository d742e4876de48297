package org.starttls;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.starttls.junit.ConformanceExtension;
import org.starttls.junit.ConformanceRunner;

/**
 * The conformance run: every selected case against every target ({@code -Dsmtp.target}), or against the embedded
 * reference server when no target is given. Verdicts go to summary.json; the gate is applied by the reports module.
 */
@ExtendWith(ConformanceExtension.class)
class ConformanceIT {

    @TestFactory
    Stream<DynamicNode> conformance(ConformanceRunner runner) {
        return runner.tests();
    }
}
