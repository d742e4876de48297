package org.starttls.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.starttls.catalogue.Requirement;
import org.starttls.client.Reply;
import org.starttls.client.TlsFacts;
import org.starttls.tls.CertificateFacts;
import org.starttls.tls.CipherSuites;

/** Folds case results into requirement verdicts, applies the gate and writes {@code summary.json}. */
public final class SummaryBuilder {

    public static final String FILE_NAME = "summary.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryBuilder() {
    }

    /** Waits for every target to finish and summarises it. */
    public static Summary build(SuiteConfig config, Instant startedAt, List<TargetRun> runs) {
        List<Summary.TargetSummary> targets = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (TargetRun run : runs) {
            TargetFacts facts = run.facts().join();
            Map<Requirement, List<CaseResult>> byRequirement = new LinkedHashMap<>();
            run.results().forEach((c, f) -> byRequirement.computeIfAbsent(c.requirement(), r -> new ArrayList<>()).add(f.join()));
            List<Summary.RequirementResult> results = byRequirement.entrySet().stream()
                    .map(e -> requirementResult(e.getKey(), e.getValue())).toList();
            facts.problem().ifPresent(p -> reasons.add(run.target() + ": " + p));
            for (Summary.RequirementResult r : results) {
                Requirement req = org.starttls.catalogue.Catalogue.byId(r.id());
                if (r.verdict().equals(Verdict.FAIL.name()) && config.gate().blocks(req.level())) {
                    reasons.add(run.target() + ": " + r.id() + " (" + req.level().keyword() + ") FAIL: " + r.detail());
                }
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Verdict v : Verdict.values()) {
                counts.put(v.name(), results.stream().filter(r -> r.verdict().equals(v.name())).count());
            }
            targets.add(new Summary.TargetSummary(run.target().toString(), config.profile().propertyValue(),
                    run.durationMillis().join(), facts.problem().orElse(null), facts(facts), counts, results));
        }
        return new Summary("smtp-starttls-conformance", version(), startedAt.toString(), targets,
                new Summary.GateResult(config.gate().name(), reasons.isEmpty(), reasons));
    }

    /** A summary for a run that stopped before any connection (bad configuration, malformed script). */
    public static Summary failed(SuiteConfig config, Instant startedAt, String error) {
        return new Summary("smtp-starttls-conformance", version(), startedAt.toString(), List.of(),
                new Summary.GateResult(config == null ? "MUST" : config.gate().name(), false, List.of(error)));
    }

    public static Path write(Summary summary, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        JSON.writeValue(file.toFile(), summary);
        return file;
    }

    public static Summary read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Summary.class);
    }

    private static Summary.RequirementResult requirementResult(Requirement r, List<CaseResult> cases) {
        Verdict verdict = cases.stream().map(CaseResult::verdict).reduce(Verdict.NOT_APPLICABLE, Verdict::and);
        String detail = cases.stream().filter(c -> c.verdict() == verdict)
                .map(c -> cases.size() > 1 ? c.caseName() + ": " + c.detail() : c.detail())
                .collect(Collectors.joining("; "));
        List<Summary.CaseSummary> caseSummaries = cases.stream().map(c -> new Summary.CaseSummary(c.caseName(),
                c.description(), c.verdict().name(), c.detail(), c.duration().toMillis(), c.transcript(), c.steps(),
                c.source())).toList();
        return new Summary.RequirementResult(r.id(), r.level().name(), verdict.name(), r.title(), detail, r.rfcName(),
                r.section(), r.sectionTitle(), r.quote(), r.link().toString(), r.fixHint(), r.derived(), caseSummaries);
    }

    private static Summary.Facts facts(TargetFacts f) {
        Optional<TlsFacts> tls = f.tls();
        Optional<CertificateFacts> leaf = tls.filter(t -> !t.peerChain().isEmpty())
                .map(t -> CertificateFacts.of(t.peerChain().get(0)));
        return new Summary.Facts(f.greeting().map(Reply::text).orElse(null), tls.map(TlsFacts::protocol).orElse(null),
                tls.map(TlsFacts::cipherSuite).orElse(null), tls.map(TlsFacts::peerSubject).orElse(null),
                tls.flatMap(TlsFacts::chainProblem).orElse(null), f.keywordsClear(), f.keywordsTls(), f.transcript(),
                tls.map(t -> CipherSuites.keyExchange(t.cipherSuite())).orElse(null),
                tls.flatMap(TlsFacts::sniName).orElse(null), leaf.map(CertificateFacts::dnsNames).orElse(null),
                leaf.map(CertificateFacts::ipAddresses).orElse(null), leaf.map(c -> c.notBefore().toString()).orElse(null),
                leaf.map(c -> c.notAfter().toString()).orElse(null), leaf.map(CertificateFacts::key).orElse(null),
                leaf.map(CertificateFacts::signatureAlgorithm).orElse(null), leaf.map(CertificateFacts::issuer).orElse(null),
                tls.map(t -> t.peerChain().size()).orElse(null));
    }

    private static String version() {
        String v = SummaryBuilder.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
