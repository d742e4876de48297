package org.starttls.summary;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A run's results in the shape DESIGN §7 fixes for tools ({@code summary.json}); fields beyond those named there are
 * additions for the reports. Every report (HTML, SARIF, JUnit XML, Allure, console) and the gate read this type,
 * never the engine's objects, so they need neither Netty nor a live run.
 *
 * <p>Many targets (DESIGN §10): {@code shard} is {@code i/n} for a run of {@code smtp.shard=i/n}; {@code settings} are
 * the run's settings that every shard must share (no secrets) and {@code fingerprint} their digest, so that
 * {@code merge} can refuse shards of different runs; {@code domains} says per {@code smtp.mx} domain what was found
 * and which targets are its.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Summary(String suite, String version, String startedAt, List<TargetSummary> targets, GateResult gate,
                      String shard, String fingerprint, Map<String, String> settings, List<DomainSummary> domains) {

    public Summary {
        targets = List.copyOf(targets);
    }

    public Summary(String suite, String version, String startedAt, List<TargetSummary> targets, GateResult gate) {
        this(suite, version, startedAt, targets, gate, null, null, null, null);
    }

    /**
     * One target's results; {@code error} is set when it could not be evaluated at all.
     *
     * @param key         the server's identity, {@code host:port} in canonical spelling: one key, one server
     * @param serverNames the names its certificate may carry (an MX target's MX host names); the first was sent as SNI
     * @param origins     why it is in the run: listed, or an address of which domain's MX
     * @param domains     the {@code smtp.mx} domains it is an MX address of, sorted
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TargetSummary(String target, Profile profile, long durationMillis, String error, Facts facts,
                                Map<Verdict, Long> counts, List<RequirementResult> results, String key,
                                List<String> serverNames, List<Origin> origins, List<String> domains) {

        public TargetSummary(String target, Profile profile, long durationMillis, String error, Facts facts,
                             Map<Verdict, Long> counts, List<RequirementResult> results) {
            this(target, profile, durationMillis, error, facts, counts, results, null, null, null, null);
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
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequirementResult(String id, Level level, Verdict verdict, String title, String detail, String rfc,
                                    String section, String sectionTitle, String quote, String link, String fixHint,
                                    boolean derived, List<CaseSummary> cases) {
    }

    /** One case: its verdict with the sentence that explains it, the transcript and every step. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CaseSummary(String name, String description, Verdict verdict, String detail, long durationMillis,
                              String transcript, List<StepResult> steps, String source) {
    }

    /**
     * What happened at one script line or Java check step: PASS, FAIL (the step the requirement is judged on went
     * wrong), INCONCLUSIVE (a setup step went wrong) or NOT_APPLICABLE (not reached).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StepResult(int line, String source, Verdict verdict, String message) {
    }

    /** Whether the run passes the gate, and why not; {@code exit} is what every door exits with. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GateResult(Gate level, boolean passed, ExitCode exit, List<String> reasons) {

        /** The process exit code of {@link #exit}, also written to summary.json for tools. */
        @JsonProperty("exitCode")
        public int exitCode() {
            return exit.code();
        }
    }
}
