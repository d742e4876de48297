package org.starttls.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The run's results in the shape DESIGN §7 fixes for tools ({@code summary.json}); fields beyond those named
 * there are additions for the reports.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(String suite, String version, String startedAt, List<TargetSummary> targets, GateResult gate) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetSummary(String target, String profile, long durationMillis, String error, Facts facts,
                                Map<String, Long> counts, List<RequirementResult> results) {
    }

    /**
     * What the probe saw: greeting, TLS parameters and the EHLO keywords before and inside TLS; then the key exchange
     * and the facts of the server's certificate (read with Bouncy Castle).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Facts(String banner, String tlsProtocol, String cipherSuite, String peerSubject, String chainProblem,
                        List<String> ehloClear, List<String> ehloTls, String probeTranscript, String keyExchange,
                        String sniName, List<String> certificateDnsNames, List<String> certificateIpAddresses,
                        String certificateNotBefore, String certificateNotAfter, String certificateKey,
                        String certificateSignature, String certificateIssuer, Integer chainLength) {
    }

    public record RequirementResult(String id, String level, String verdict, String title, String detail, String rfc,
                                    String section, String sectionTitle, String quote, String link, String fixHint,
                                    boolean derived, List<CaseSummary> cases) {
    }

    public record CaseSummary(String name, String description, String verdict, String detail, long durationMillis,
                              String transcript, List<StepRecord> steps, String source) {
    }

    /** Whether the run passes the gate, and why not. */
    public record GateResult(String level, boolean passed, List<String> reasons) {
    }
}
