package org.starttls.catalogue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.starttls.cases.JavaCases;
import org.starttls.run.ConformanceCase;
import org.starttls.script.ScenarioLibrary;

/** The whole catalogue's cases as the conformance run loads them: the scenario scripts and the Java cases. */
public final class AllCases {

    private AllCases() {
    }

    public static List<ConformanceCase> load() {
        try {
            List<ConformanceCase> cases = new ArrayList<>(ScenarioLibrary.load(Path.of(AllCases.class.getResource("/scenarios").toURI())));
            cases.addAll(JavaCases.all());
            return cases;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
