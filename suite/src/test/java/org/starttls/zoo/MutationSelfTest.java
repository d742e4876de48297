package org.starttls.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.starttls.zoo.ZooRowAssert.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.starttls.fixtures.zoo.Variant;
import org.starttls.requirements.Catalogue;
import org.starttls.requirements.Requirement;
import org.starttls.summary.Role;
import org.starttls.summary.Verdict;

/**
 * The mutation self-test: every check must be able to fail. Each faulty-server variant breaks one rule; the suite
 * must FAIL that rule, and only what follows from it, while the reference server passes everything. The matrix
 * of all verdicts is written to {@code target/zoo-matrix.md}.
 */
@ExtendWith(ZooExtension.class)
class MutationSelfTest {

    @Test
    void referenceServerPassesEveryRequirementInEveryMode(ZooRun.Result zoo) {
        zoo.rows().stream().filter(row -> row.variant().isEmpty()).forEach(row -> assertThat(row).meetsItsExpectation());
    }

    @TestFactory
    Stream<DynamicTest> everyVariantFailsItsRuleAndNothingElse(ZooRun.Result zoo) {
        return zoo.variants().stream().map(row -> dynamicTest(row.name() + ": " + row.variant().orElseThrow().description(),
                () -> {
                    assertThat(row).meetsItsExpectation();
                    row.expectation().awaitedId().ifPresent(id -> Assumptions.abort("the catalogue has no " + id
                            + " yet, so nothing checks the rule this variant breaks"));
                }));
    }

    /** A correct server with unusual behaviour (as real servers have) must not be failed: no FAIL, no INCONCLUSIVE. */
    @TestFactory
    Stream<DynamicTest> everyCorrectVariantFailsNothing(ZooRun.Result zoo) {
        return zoo.variants().stream().filter(row -> row.expectation().kind() == Expectation.Kind.CORRECT)
                .map(row -> dynamicTest(row.name() + ": " + row.variant().orElseThrow().description(), () -> {
                    assertThat(row).meetsItsExpectation();
                    assertThat(row.verdicts()).as(row.name()).doesNotContainValue(Verdict.FAIL)
                            .doesNotContainValue(Verdict.INCONCLUSIVE);
                }));
    }

    @Test
    void everyRequirementIsMadeToFailByAVariant(ZooRun.Result zoo) {
        List<String> uncovered = Catalogue.forRole(Role.SERVER).stream().map(Requirement::id)
                .filter(id -> zoo.killers(id).isEmpty() && zoo.alsoFailing(id).isEmpty()).toList();
        assertThat(uncovered).as("requirement ids no faulty-server variant makes FAIL: these checks are "
                + "untested; add a variant that breaks exactly that rule (see target/" + ZooMatrix.MARKDOWN + ")").isEmpty();
    }

    /** Only a variant's intended rule may await the catalogue; what follows from it must be checked already. */
    @Test
    void theExpectationTableNamesCatalogueIds() {
        for (Variant variant : Variant.values()) {
            Expectation expectation = ZooExpectations.of(variant);
            assertThat(expectation.fails()).as(variant.name()).allMatch(Requirement::isWellFormedId);
            assertThat(expectation.fails().stream().skip(1)).as(variant.name() + ": consequences")
                    .allMatch(id -> Catalogue.find(id).isPresent(), "is in the catalogue");
        }
    }
}
