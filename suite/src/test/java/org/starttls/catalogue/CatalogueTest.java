package org.starttls.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.starttls.run.ConformanceCase;
import org.starttls.script.ScenarioLibrary;
import org.starttls.script.ScriptCase;

class CatalogueTest {

    private static List<ScriptCase> scenarios() throws URISyntaxException {
        return ScenarioLibrary.load(Path.of(CatalogueTest.class.getResource("/scenarios").toURI()));
    }

    @Test
    void everyRequirementHasAtLeastOneCaseAndEveryCaseNamesAKnownId() {
        Set<String> covered = AllCases.load().stream().map(c -> c.requirement().id()).collect(Collectors.toSet());
        assertThat(Catalogue.all()).extracting(Requirement::id).allSatisfy(id -> assertThat(covered).contains(id));
        assertThat(covered).allSatisfy(id -> assertThat(Catalogue.find(id)).isPresent());
    }

    @Test
    void caseNamesAreUniqueAndStartWithTheirRequirementId() {
        List<ConformanceCase> cases = AllCases.load();
        assertThat(cases).extracting(ConformanceCase::name).doesNotHaveDuplicates();
        assertThat(cases).allSatisfy(c -> assertThat(c.name()).startsWith(c.requirement().id()));
    }

    @Test
    void scriptsSitUnderTheirRfcSection() throws URISyntaxException {
        assertThat(scenarios()).allSatisfy(c -> assertThat(c.script().file())
                .startsWith("scenarios/rfc" + c.requirement().rfc() + "/" + c.requirement().section() + "/"));
    }

    /** Levels follow the RFC's words: a MUST requirement quotes a MUST, and so on; INFO may quote the sentence it is derived from. */
    @Test
    void levelsMatchTheKeywordsOfTheQuotedSentence() {
        for (Requirement r : Catalogue.all()) {
            if (r.level() == Level.INFO) {
                continue;
            }
            // RFC 2119: RECOMMENDED means the same as SHOULD
            String keyword = r.level() == Level.SHOULD && r.quote().contains("RECOMMENDED") ? "RECOMMENDED"
                    : r.level().keyword();
            assertThat(r.quote()).as("quote of %s", r.id()).contains(keyword);
        }
    }

    @Test
    void everyRequirementExplainsHowToFixAFailure() {
        assertThat(Catalogue.all()).allSatisfy(r -> {
            assertThat(r.fixHint()).as("fix hint of %s", r.id()).hasSizeGreaterThan(40);
            assertThat(r.title()).as("title of %s", r.id()).isNotBlank();
            assertThat(r.sectionTitle()).as("section title of %s", r.id()).isNotBlank();
        });
    }
}
