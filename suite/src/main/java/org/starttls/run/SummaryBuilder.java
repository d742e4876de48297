package org.starttls.run;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.starttls.cases.CaseResult;
import org.starttls.cases.Exchange;
import org.starttls.cases.TargetFacts;
import org.starttls.cases.Texts;
import org.starttls.client.Reply;
import org.starttls.client.Target;
import org.starttls.client.TlsFacts;
import org.starttls.clientmode.ClientModeRun;
import org.starttls.config.SuiteConfig;
import org.starttls.i18n.Language;
import org.starttls.reports.Findings;
import org.starttls.requirements.Requirement;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Gate;
import org.starttls.summary.Role;
import org.starttls.summary.Summary.StepResult;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;
import org.starttls.tls.CertificateFacts;
import org.starttls.tls.CipherSuites;

/** Folds case results into requirement verdicts and applies the gate: the run's {@link Summary}. */
public final class SummaryBuilder {

    private static final String SUITE = "smtp-starttls-conformance";

    private SummaryBuilder() {
    }

    /**
     * Waits for every target to finish and summarises it; the gate decides the exit code. {@code sessions} tells how many
     * connections the run opened to a target; {@code embedded} marks the embedded reference server.
     */
    public static Summary build(SuiteConfig config, Instant startedAt, List<TargetRun> runs, RunPlan plan,
                                Function<Target, Integer> sessions, boolean embedded) {
        List<Summary.TargetSummary> targets = new ArrayList<>();
        for (TargetRun run : runs) {
            TargetFacts facts = run.facts().join();
            Map<Requirement, List<CaseResult>> byRequirement = new LinkedHashMap<>();
            run.results().forEach((c, f) -> byRequirement.computeIfAbsent(c.requirement(), r -> new ArrayList<>()).add(f.join()));
            List<Summary.RequirementResult> results = byRequirement.entrySet().stream()
                    .map(e -> requirementResult(e.getKey(), e.getValue())).toList();
            long duration = run.durationMillis().join();
            targets.add(PlanSummary.identify(new Summary.TargetSummary(run.target().toString(), run.planned().profile(),
                    duration, facts.problem().orElse(null), facts(facts), null, results, null, sessions.apply(run.target()),
                    embedded ? Boolean.TRUE : null, facts.problemText() == null ? null : facts.problemText().german(),
                    Role.SERVER, null, null, null, null), run.planned()));
        }
        targets.sort(PlanSummary.ORDER);
        List<Summary.DomainSummary> domains = PlanSummary.domains(plan.domains(), targets, config.gate());
        Map<String, String> settings = PlanSummary.settings(config);
        return new Summary(SUITE, version(), startedAt.toString(), targets, gate(config.gate(), targets, domains), null,
                config.reportLang(), plan.shard().isAll() ? null : plan.shard().toString(), PlanSummary.fingerprint(settings),
                settings, domains.isEmpty() ? null : domains);
    }

    /**
     * The summary of a client-mode run (DESIGN §9): one target, the client under test, with {@code "role": "client"};
     * the same requirement verdicts, counts and gate as a server target's.
     */
    public static Summary client(SuiteConfig config, Instant startedAt, ClientModeRun.Result run) {
        Map<Requirement, List<CaseResult>> byRequirement = new LinkedHashMap<>();
        run.results().forEach((c, r) -> byRequirement.computeIfAbsent(c.requirement(), k -> new ArrayList<>()).add(r));
        List<Summary.RequirementResult> results = byRequirement.entrySet().stream()
                .map(e -> requirementResult(e.getKey(), e.getValue())).toList();
        List<Summary.TargetSummary> targets = List.of(new Summary.TargetSummary(run.client().name(),
                run.client().profile(), run.durationMillis(), run.problem().orElse(null), null, null, results, null, null,
                null, null, Role.CLIENT, null, null, null, null));
        return new Summary(SUITE, version(), startedAt.toString(), targets, gate(config.gate(), targets, List.of()), null,
                config.reportLang(), null, null, null, null);
    }

    /**
     * The gate over summarised targets: exit code 1 for a FAIL at or above the gate level, else 2 when a target or a
     * domain could not be evaluated, else 0; the reasons in English and German name each failing case with its reply,
     * each target and domain that could not be evaluated. A run and a merge of shards decide it the same way.
     */
    public static Summary.GateResult gate(Gate gate, List<Summary.TargetSummary> targets,
                                          List<Summary.DomainSummary> domains) {
        boolean failed = targets.stream().flatMap(t -> t.results().stream())
                .anyMatch(r -> r.verdict() == Verdict.FAIL && gate.blocks(r.level()));
        List<String> failedDomains = domains.stream().filter(d -> PlanSummary.FAILED.equals(d.status()))
                .map(d -> "domain " + d.domain() + ": " + d.summary()).toList();
        boolean unevaluated = targets.stream().anyMatch(t -> t.error() != null) || !failedDomains.isEmpty();
        ExitCode exit = failed ? ExitCode.GATE_FAILED : unevaluated ? ExitCode.NOT_EVALUATED : ExitCode.PASSED;
        List<String> reasons = new ArrayList<>(Findings.reasons(targets, gate, Language.EN));
        reasons.addAll(failedDomains);
        List<String> reasonsDe = new ArrayList<>(Findings.reasons(targets, gate, Language.DE));
        reasonsDe.addAll(failedDomains);
        return new Summary.GateResult(gate, exit == ExitCode.PASSED, exit, reasons, reasonsDe,
                Findings.notGated(targets, gate));
    }

    /**
     * A summary for a run refused before any connection (bad configuration, malformed requirement file): the reason,
     * in German too where known ({@code errorDe} may be null), and the report language if known (else null).
     */
    public static Summary refused(Gate gate, Instant startedAt, String error, String errorDe, String lang) {
        return new Summary(SUITE, version(), startedAt.toString(), List.of(),
                new Summary.GateResult(gate, false, ExitCode.CONFIGURATION_ERROR, List.of(error),
                        errorDe == null ? null : List.of(errorDe), null), null, lang, null, null, null, null);
    }

    private static Summary.RequirementResult requirementResult(Requirement r, List<CaseResult> cases) {
        Verdict verdict = cases.stream().map(CaseResult::verdict).reduce(Verdict.NOT_APPLICABLE, Verdict::and);
        List<Summary.CaseSummary> caseSummaries = cases.stream().map(SummaryBuilder::caseSummary).toList();
        String detail;
        String detailDe;
        if (cases.size() == 1) {
            detail = caseSummaries.get(0).detail();
            detailDe = caseSummaries.get(0).detailDe();
        } else {
            Summary.RequirementResult draft = new Summary.RequirementResult(r.id(), r.level(), verdict, r.title(), "",
                    r.rfcName(), r.section(), r.sectionTitle(), r.quote(), r.link().toString(), r.fixHint(), r.isDerived(),
                    caseSummaries);
            long n = caseSummaries.stream().filter(c -> c.verdict() == verdict).count();
            detail = Texts.of("summary.cases", cases.size(), n, verdict.name(),
                    verdict == Verdict.PASS || verdict == Verdict.NOT_APPLICABLE
                            ? labels(draft, verdict) : Findings.brief(draft, verdict, Language.EN)).english();
            detailDe = Texts.of("summary.cases", cases.size(), n, Findings.verdict(verdict, Language.DE),
                    verdict == Verdict.PASS || verdict == Verdict.NOT_APPLICABLE
                            ? labels(draft, verdict) : Findings.brief(draft, verdict, Language.DE)).german();
        }
        return new Summary.RequirementResult(r.id(), r.level(), verdict, r.title(), detail, r.rfcName(),
                r.section(), r.sectionTitle(), r.quote(), r.link().toString(), r.fixHint(), r.isDerived(), caseSummaries,
                r.titleDe().orElse(null), r.fixHintDe().orElse(null), detailDe);
    }

    private static String labels(Summary.RequirementResult r, Verdict verdict) {
        return r.cases(verdict).stream().map(c -> Findings.label(r, c)).collect(Collectors.joining(", "));
    }

    private static Summary.CaseSummary caseSummary(CaseResult c) {
        Exchange judged = c.judged() != null ? c.judged() : fromSteps(c);
        return new Summary.CaseSummary(c.caseName(), c.description(), c.verdict(), c.detail(), c.duration().toMillis(),
                c.transcript(), c.steps(), c.source(), c.detailText() == null ? null : c.detailText().german(),
                judged == null ? null : judged.command(), judged == null ? null : judged.expected(),
                judged == null ? null : judged.got());
    }

    /**
     * The judged exchange of a Java case, read from its steps: each step is a command with the reply it got, the last
     * one the verdict; the exchange is the step that went wrong, or the last command before the verdict. What was
     * expected is the case's description (e.g. "HELO before STARTTLS is refused with 530").
     */
    static Exchange fromSteps(CaseResult c) {
        List<StepResult> steps = c.steps();
        if (steps.isEmpty() || !steps.get(steps.size() - 1).source().startsWith("verdict ")) {
            return null;
        }
        StepResult judged = null;
        for (StepResult s : steps.subList(0, steps.size() - 1)) {
            if (s.verdict() == Verdict.INCONCLUSIVE || s.verdict() == Verdict.FAIL) {
                judged = s;
                break;
            }
            if (!s.source().equals("greeting") && !s.source().equals("TLS handshake")) {
                judged = s;
            }
        }
        return judged == null ? null : new Exchange(judged.source(), c.description(), judged.message());
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

    /** The suite's version from the jar's manifest; {@code dev} when run from classes. */
    public static String version() {
        String v = SummaryBuilder.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
