package org.starttls.zoo;

import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one server's row of the self-test, failing with what went wrong and the row's verdicts. */
final class ZooRowAssert extends AbstractAssert<ZooRowAssert, ZooRow> {

    private ZooRowAssert(ZooRow actual) {
        super(actual, ZooRowAssert.class);
    }

    static ZooRowAssert assertThat(ZooRow row) {
        return new ZooRowAssert(row);
    }

    ZooRowAssert meetsItsExpectation() {
        isNotNull();
        if (!actual.violations().isEmpty()) {
            failWithMessage("%s (%s, expects %s %s) is not as expected:%n  %s%nits verdicts: %s", actual.name(),
                    actual.profile(), actual.expectation().kind(), actual.expectation().fails(),
                    String.join("\n  ", actual.violations()),
                    actual.verdicts().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        }
        return myself;
    }
}
