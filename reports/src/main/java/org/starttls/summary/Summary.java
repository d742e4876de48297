package org.starttls.summary;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A run's results in the shape DESIGN §7 fixes for tools ({@code summary.json}); fields beyond those named there are
 * additions for the reports. Every report (HTML, SARIF, JUnit XML, Allure, console) and the gate read this type,
 * never the engine's objects, so they need neither Netty nor a live run.
 *
 * <p>The counting unit is the same everywhere: a run judges <em>requirements</em>, each through one or more
 * <em>cases</em> ("47 requirements, 67 cases"); {@code counts} count requirements, {@code caseCounts} cases.
 *
 * <p>{@code lang} is the language the reports and the console were written in ({@code smtp.report.lang}).
 *
 * <p>Texts: {@code title}, {@code detail}, {@code fixHint} and the gate's {@code reasons} are English, for tools; the
 * fields ending in {@code De} are the German renderings the reports use with {@code smtp.report.lang=de} (absent where
 * no German text exists yet: the reports then show the English one).
 *
 * <p>Many targets (DESIGN §10): {@code shard} is {@code i/n} for a run of {@code smtp.shard=i/n}; {@code settings} are
 * the run's settings that every shard must share (no secrets) and {@code fingerprint} their digest, so that
 * {@code merge} can refuse shards of different runs; {@code domains} says per {@code smtp.mx} domain what was found
 * and which targets are its.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Summary(String suite, String version, String startedAt, List<TargetSummary> targets, GateResult gate,
                      Totals totals, String lang, String shard, String fingerprint, Map<String, String> settings,
                      List<DomainSummary> domains) {

    public Summary {
        targets = List.copyOf(targets);
        if (totals == null) {
            totals = Totals.of(targets);
        }
    }

    public Summary(String suite, String version, String startedAt, List<TargetSummary> targets, GateResult gate) {
        this(suite, version, startedAt, targets, gate, null, null, null, null, null, null);
    }

    /** The same summary with the reports' language ({@code en}, {@code de}). */
    public Summary withLang(String language) {
        return new Summary(suite, version, startedAt, targets, gate, totals, language, shard, fingerprint, settings, domains);
    }

    /** The run's size in the one counting unit: requirement verdicts and case verdicts, over every target. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Totals(int targets, long requirements, long cases, Map<Verdict, Long> requirementVerdicts,
                         Map<Verdict, Long> caseVerdicts) {

        public static Totals of(List<TargetSummary> targets) {
            Map<Verdict, Long> requirements = zero();
            Map<Verdict, Long> cases = zero();
            for (TargetSummary t : targets) {
                t.counts().forEach((v, n) -> requirements.merge(v, n, Long::sum));
                t.caseCounts().forEach((v, n) -> cases.merge(v, n, Long::sum));
            }
            return new Totals(targets.size(), sum(requirements), sum(cases), requirements, cases);
        }
    }

    /**
     * One target's results; {@code error} is set when it could not be evaluated at all.
     *
     * @param counts     requirements by verdict
     * @param caseCounts cases by verdict
     * @param sessions   TCP connections the run opened to this target (probe, cases and TLS probes together)
     * @param embedded   true when the target is the embedded reference server the suite started itself
     * @param role       what was under test (DESIGN §9): a server ({@code target} is {@code host:port}) or a client
     *                   ({@code target} is the client's command or name, and the suite played the server); absent means a
     *                   server
     * @param key         the server's identity, {@code host:port} in canonical spelling: one key, one server
     * @param serverNames the names its certificate may carry (an MX target's MX host names); the first was sent as SNI
     * @param origins     why it is in the run: listed, or an address of which domain's MX
     * @param domains     the {@code smtp.mx} domains it is an MX address of, sorted
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TargetSummary(String target, Profile profile, long durationMillis, String error, Facts facts,
                                Map<Verdict, Long> counts, List<RequirementResult> results, Map<Verdict, Long> caseCounts,
                                Integer sessions, Boolean embedded, String errorDe, Role role, String key,
                                List<String> serverNames, List<Origin> origins, List<String> domains) {

        public TargetSummary {
            results = List.copyOf(results);
            if (counts == null) {
                counts = count(results.stream(), RequirementResult::verdict);
            }
            if (caseCounts == null) {
                caseCounts = count(results.stream().flatMap(r -> r.cases().stream()), CaseSummary::verdict);
            }
        }

        public TargetSummary(String target, Profile profile, long durationMillis, String error, Facts facts,
                             Map<Verdict, Long> counts, List<RequirementResult> results) {
            this(target, profile, durationMillis, error, facts, counts, results, null, null, null, null, null, null, null,
                    null, null);
        }

        /** How many cases the target's requirements have. */
        public long cases() {
            return results.stream().mapToLong(r -> r.cases().size()).sum();
        }

        /** True for the embedded reference server (not a getter: summary.json has {@code embedded} itself). */
        public boolean embeddedServer() {
            return Boolean.TRUE.equals(embedded);
        }

        /** Whether a client was under test; a summary.json without {@code role} is a server run's. */
        @JsonIgnore
        public boolean clientUnderTest() {
            return role == Role.CLIENT;
        }
    }

    /**
     * Why a target is in the run: listed in {@code source} ({@code smtp.target}, or a targets file) at {@code line}, or
     * an address of MX host {@code host} (preference {@code preference}, {@code implicit} for a domain without MX
     * records) of {@code domain}.
     *
     * @param text the origin in words, for people
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Origin(String source, Integer line, String domain, String host, Integer preference, Boolean implicit,
                         String text) {
    }

    /**
     * What {@code smtp.mx} found for one domain, and how its targets did.
     *
     * @param status  {@code TESTABLE}, {@code NULL_MX} (it accepts no mail: a fact, not a failure) or {@code FAILED}
     *                (nothing to test although it should receive mail: not evaluated, exit code 2)
     * @param summary one sentence on what was found
     * @param targets the keys of its targets in {@link Summary#targets()}
     * @param passed  whether the gate passes for this domain alone: its targets evaluated, no gated FAIL among them
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DomainSummary(String domain, String status, String summary, List<String> notes, List<MxHost> hosts,
                                List<String> targets, boolean passed) {
    }

    /** One MX host of a domain: its preference and addresses, and why addresses are missing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MxHost(String name, int preference, boolean implicit, List<String> addresses, List<String> problems) {
    }

    /**
     * What the probe saw: greeting, TLS parameters and the EHLO keywords before and inside TLS; then the key exchange
     * and the facts of the server's certificate.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Facts(String banner, String tlsProtocol, String cipherSuite, String peerSubject, String chainProblem,
                        List<String> ehloClear, List<String> ehloTls, String probeTranscript, String keyExchange,
                        String sniName, List<String> certificateDnsNames, List<String> certificateIpAddresses,
                        String certificateNotBefore, String certificateNotAfter, String certificateKey,
                        String certificateSignature, String certificateIssuer, Integer chainLength,
                        String certificatePem) {
    }

    /** One requirement against one target: the verdict of its cases taken together, and the cases themselves. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequirementResult(String id, Level level, Verdict verdict, String title, String detail, String rfc,
                                    String section, String sectionTitle, String quote, String link, String fixHint,
                                    boolean derived, List<CaseSummary> cases, String titleDe, String fixHintDe,
                                    String detailDe) {

        public RequirementResult {
            cases = List.copyOf(cases);
        }

        public RequirementResult(String id, Level level, Verdict verdict, String title, String detail, String rfc,
                                 String section, String sectionTitle, String quote, String link, String fixHint,
                                 boolean derived, List<CaseSummary> cases) {
            this(id, level, verdict, title, detail, rfc, section, sectionTitle, quote, link, fixHint, derived, cases,
                    null, null, null);
        }

        /** The cases with this verdict, in catalogue order. */
        public List<CaseSummary> cases(Verdict verdict) {
            return cases.stream().filter(c -> c.verdict() == verdict).toList();
        }
    }

    /**
     * One case: its verdict with the sentence that explains it, the transcript and every step; for a case that did
     * not PASS also the judged exchange: the {@code command} sent, what was {@code expected} and the reply it {@code got}
     * (each absent when the case never got that far).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CaseSummary(String name, String description, Verdict verdict, String detail, long durationMillis,
                              String transcript, List<StepResult> steps, String source, String detailDe, String command,
                              String expected, String got) {

        public CaseSummary {
            steps = List.copyOf(steps);
        }

        public CaseSummary(String name, String description, Verdict verdict, String detail, long durationMillis,
                           String transcript, List<StepResult> steps, String source) {
            this(name, description, verdict, detail, durationMillis, transcript, steps, source, null, null, null, null);
        }
    }

    /**
     * What happened at one script line or Java check step: PASS, FAIL (the step the requirement is judged on went
     * wrong), INCONCLUSIVE (a setup step went wrong) or NOT_APPLICABLE (not reached); {@code reply} is the server's
     * reply read at this step, on one line, when the step read one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StepResult(int line, String source, Verdict verdict, String message, String reply) {

        public StepResult(int line, String source, Verdict verdict, String message) {
            this(line, source, verdict, message, null);
        }
    }

    /**
     * Whether the run passes the gate, and why not; {@code exit} is what every door exits with. {@code notGated}
     * counts the FAILed requirements below the gate level, by level: reported, never failing the run.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GateResult(Gate level, boolean passed, ExitCode exit, List<String> reasons, List<String> reasonsDe,
                             Map<Level, Long> notGated) {

        public GateResult(Gate level, boolean passed, ExitCode exit, List<String> reasons) {
            this(level, passed, exit, reasons, null, null);
        }

        /** The process exit code of {@link #exit}, also written to summary.json for tools. */
        @JsonProperty("exitCode")
        public int exitCode() {
            return exit.code();
        }
    }

    private static Map<Verdict, Long> zero() {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0L);
        }
        return counts;
    }

    private static long sum(Map<Verdict, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static <T> Map<Verdict, Long> count(Stream<T> items, Function<T, Verdict> verdict) {
        Map<Verdict, Long> counts = zero();
        items.forEach(i -> counts.merge(verdict.apply(i), 1L, Long::sum));
        return counts;
    }
}
