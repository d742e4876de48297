package org.starttls.run;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.starttls.cases.CaseResult;
import org.starttls.cases.TargetFacts;
import org.starttls.client.Reply;
import org.starttls.client.TlsFacts;
import org.starttls.config.SuiteConfig;
import org.starttls.requirements.Requirement;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Gate;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;
import org.starttls.tls.CertificateFacts;
import org.starttls.tls.CipherSuites;

/** Folds case results into requirement verdicts and applies the gate: the run's {@link Summary}. */
public final class SummaryBuilder {

    private static final String SUITE = "smtp-starttls-conformance";

    private SummaryBuilder() {
    }

    /** Waits for every target to finish and summarises it; the gate decides the exit code. */
    public static Summary build(SuiteConfig config, Instant startedAt, List<TargetRun> runs, RunPlan plan) {
        List<Summary.TargetSummary> targets = new ArrayList<>();
        for (TargetRun run : runs) {
            TargetFacts facts = run.facts().join();
            Map<Requirement, List<CaseResult>> byRequirement = new LinkedHashMap<>();
            run.results().forEach((c, f) -> byRequirement.computeIfAbsent(c.requirement(), r -> new ArrayList<>()).add(f.join()));
            List<Summary.RequirementResult> results = byRequirement.entrySet().stream()
                    .map(e -> requirementResult(e.getKey(), e.getValue())).toList();
            Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
            for (Verdict v : Verdict.values()) {
                counts.put(v, results.stream().filter(r -> r.verdict() == v).count());
            }
            targets.add(PlanSummary.identify(new Summary.TargetSummary(run.target().toString(), run.planned().profile(),
                    run.durationMillis().join(), facts.problem().orElse(null), facts(facts), counts, results), run.planned()));
        }
        targets.sort(PlanSummary.ORDER);
        List<Summary.DomainSummary> domains = PlanSummary.domains(plan.domains(), targets, config.gate());
        Map<String, String> settings = PlanSummary.settings(config);
        return new Summary(SUITE, version(), startedAt.toString(), targets, gate(config.gate(), targets, domains),
                plan.shard().isAll() ? null : plan.shard().toString(), PlanSummary.fingerprint(settings), settings,
                domains.isEmpty() ? null : domains);
    }

    /**
     * The gate over summarised targets: exit code 1 for a FAIL at or above the gate level, else 2 when a target or a
     * domain could not be evaluated, else 0; one reason per such FAIL, target and domain. A run and a merge of shards
     * decide it the same way.
     */
    public static Summary.GateResult gate(Gate gate, List<Summary.TargetSummary> targets,
                                          List<Summary.DomainSummary> domains) {
        List<String> failures = new ArrayList<>();
        List<String> unevaluated = new ArrayList<>();
        for (Summary.TargetSummary target : targets) {
            if (target.error() != null) {
                unevaluated.add(target.target() + ": " + target.error());
            }
            for (Summary.RequirementResult r : target.results()) {
                if (r.verdict() == Verdict.FAIL && gate.blocks(r.level())) {
                    failures.add(target.target() + ": " + r.id() + " (" + r.level().keyword() + ") FAIL: " + r.detail());
                }
            }
        }
        domains.stream().filter(d -> PlanSummary.FAILED.equals(d.status()))
                .forEach(d -> unevaluated.add("domain " + d.domain() + ": " + d.summary()));
        ExitCode exit = !failures.isEmpty() ? ExitCode.GATE_FAILED
                : !unevaluated.isEmpty() ? ExitCode.NOT_EVALUATED : ExitCode.PASSED;
        List<String> reasons = new ArrayList<>(failures);
        reasons.addAll(unevaluated);
        return new Summary.GateResult(gate, exit == ExitCode.PASSED, exit, reasons);
    }

    /** A summary for a run refused before any connection (bad configuration, malformed requirement file). */
    public static Summary refused(Gate gate, Instant startedAt, String error) {
        return new Summary(SUITE, version(), startedAt.toString(), List.of(),
                new Summary.GateResult(gate, false, ExitCode.CONFIGURATION_ERROR, List.of(error)));
    }

    private static Summary.RequirementResult requirementResult(Requirement r, List<CaseResult> cases) {
        Verdict verdict = cases.stream().map(CaseResult::verdict).reduce(Verdict.NOT_APPLICABLE, Verdict::and);
        String detail = cases.stream().filter(c -> c.verdict() == verdict)
                .map(c -> cases.size() > 1 ? c.caseName() + ": " + c.detail() : c.detail())
                .collect(Collectors.joining("; "));
        List<Summary.CaseSummary> caseSummaries = cases.stream().map(c -> new Summary.CaseSummary(c.caseName(),
                c.description(), c.verdict(), c.detail(), c.duration().toMillis(), c.transcript(), c.steps(),
                c.source())).toList();
        return new Summary.RequirementResult(r.id(), r.level(), verdict, r.title(), detail, r.rfcName(),
                r.section(), r.sectionTitle(), r.quote(), r.link().toString(), r.fixHint(), r.isDerived(), caseSummaries);
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
                tls.map(t -> t.peerChain().size()).orElse(null),
                tls.filter(t -> !t.peerChain().isEmpty()).map(t -> pem(t.peerChain().get(0))).orElse(null));
    }

    private static String pem(X509Certificate certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String version() {
        String v = SummaryBuilder.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
