package org.starttls.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttls.cases.ConformanceCase;
import org.starttls.checks.CheckLibrary;
import org.starttls.summary.Role;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/** The data-file format of the real-server matrix: strict parsing, every problem at once, and regeneration. */
class VerdictFileTest {

    private static final List<ConformanceCase> CATALOGUE = CheckLibrary.cases(Role.SERVER);
    private static final String FIRST = CATALOGUE.get(0).name();
    private static final String SECOND = CATALOGUE.get(1).name();
    private static final String THIRD = CATALOGUE.get(2).name();

    @TempDir
    Path dir;

    @Test
    void everyProblemOfAFileIsListedWithItsLine() throws IOException {
        Path file = write("""
                # a comment
                %s PASS
                %s FAIL
                %s PASS
                %s PAS
                RFC0000-NO-SUCH-CASE PASS
                justoneword
                %s INCONCLUSIVE TODO explain: something
                """.formatted(FIRST, SECOND, FIRST, THIRD, THIRD));

        List<String> problems = VerdictFile.read(file, CATALOGUE).mismatches(observed(Verdict.PASS));

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":3: ").contains(SECOND + " is FAIL without a why"))
                .anySatisfy(p -> assertThat(p).startsWith(file + ":4: ").contains("listed again (first on line 2)"))
                .anySatisfy(p -> assertThat(p).startsWith(file + ":5: ").contains("'PAS' is not a verdict"))
                .anySatisfy(p -> assertThat(p).startsWith(file + ":6: ").contains("RFC0000-NO-SUCH-CASE is not a case"))
                .anySatisfy(p -> assertThat(p).startsWith(file + ":7: ").contains("write CASE VERDICT [WHY]"))
                .anySatisfy(p -> assertThat(p).startsWith(file + ":8: ").contains("TODO explain: something"))
                .anySatisfy(p -> assertThat(p).isEqualTo(file + ": the case " + CATALOGUE.get(3).name()
                        + " has no line; add one (or rewrite the file with -Dupdate.expectations=true)"))
                .anySatisfy(p -> assertThat(p).startsWith(file + ":3: " + SECOND + " expected FAIL, observed PASS"));
    }

    @Test
    void aMissingFileSaysHowToWriteIt() throws IOException {
        assertThat(VerdictFile.read(dir.resolve("absent.verdicts"), CATALOGUE).mismatches(observed(Verdict.PASS)))
                .singleElement().asString().contains("does not exist").contains("-Dupdate.expectations=true");
    }

    @Test
    void regeneratingKeepsExplanationsOfUnchangedVerdictsAndMarksNewFailures() throws IOException {
        Map<String, Summary.CaseSummary> observed = observed(Verdict.PASS);
        observed.put(FIRST, summary(FIRST, Verdict.FAIL, "the engine's detail"));
        observed.put(SECOND, summary(SECOND, Verdict.NOT_APPLICABLE, "the server does not advertise X"));
        observed.put(THIRD, summary(THIRD, Verdict.INCONCLUSIVE, "421 too many errors"));
        Map<String, VerdictFile.Line> previous = Map.of(
                FIRST, new VerdictFile.Line(9, FIRST, Verdict.FAIL, "FIRST answered 250, not 530"),
                THIRD, new VerdictFile.Line(10, THIRD, Verdict.FAIL, "an old reason"));

        Path file = Files.writeString(dir.resolve("x.verdicts"),
                VerdictFile.render(List.of("header"), CATALOGUE, observed, previous), StandardCharsets.UTF_8);
        VerdictFile read = VerdictFile.read(file, CATALOGUE);

        assertThat(read.lines().get(FIRST).why()).isEqualTo("FIRST answered 250, not 530");
        assertThat(read.lines().get(SECOND)).extracting(VerdictFile.Line::verdict, VerdictFile.Line::why)
                .containsExactly(Verdict.NOT_APPLICABLE, "the server does not advertise X");
        assertThat(read.lines().get(THIRD).why())
                .isEqualTo("TODO explain (was FAIL: an old reason): 421 too many errors");
        assertThat(read.lines().keySet()).containsExactlyElementsOf(CATALOGUE.stream().map(ConformanceCase::name).toList());
        assertThat(read.mismatches(observed)).singleElement().asString().contains(THIRD).contains("TODO explain");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("server.verdicts"), text, StandardCharsets.UTF_8);
    }

    private static Map<String, Summary.CaseSummary> observed(Verdict verdict) {
        Map<String, Summary.CaseSummary> observed = new LinkedHashMap<>();
        CATALOGUE.forEach(c -> observed.put(c.name(), summary(c.name(), verdict, "detail")));
        return observed;
    }

    private static Summary.CaseSummary summary(String name, Verdict verdict, String detail) {
        return new Summary.CaseSummary(name, "", verdict, detail, 0, "", List.of(), "");
    }
}
