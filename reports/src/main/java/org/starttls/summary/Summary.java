package org.starttls.summary;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A run's results in the shape DESIGN §7 fixes for tools ({@code summary.json}); fields beyond those named there are
 * additions for the reports. Every report (HTML, SARIF, JUnit XML, Allure, console) and the gate read this type,
 * never the engine's objects, so they need neither Netty nor a live run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Summary(String suite, String version, String startedAt, List<TargetSummary> targets, GateResult gate) {

    public Summary {
        targets = List.copyOf(targets);
    }

    /**
     * One target's results; {@code error} is set when it could not be evaluated at all. {@code role} says what was under
     * test (DESIGN §9): a server ({@code target} is {@code host:port}) or a client ({@code target} is the client's command
     * or name, and the suite played the server).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TargetSummary(String target, Profile profile, long durationMillis, String error, Facts facts,
                                Map<Verdict, Long> counts, List<RequirementResult> results, Role role) {

        /** Whether a client was under test; a summary.json without {@code role} is a server run's. */
        @JsonIgnore
        public boolean clientUnderTest() {
            return role == Role.CLIENT;
        }
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
