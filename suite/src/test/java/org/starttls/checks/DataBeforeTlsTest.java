package org.starttls.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.starttls.checks.Judged.result;

import org.junit.jupiter.api.Test;
import org.starttls.checks.Judged.Account;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;

/**
 * Issue 12, class 9: a server that accepts mail in cleartext answers DATA before TLS with 354. The session ends at once
 * (closed, never the final "."), the case judges on the 354, and no command is sent as message text.
 */
class DataBeforeTlsTest {

    @Test
    void a354EndsTheSessionAtOnceWithoutTheFinalDot() {
        String id = "RFC3207-4-SHOULD-ENHANCED-CODE";
        // a server that takes mail in cleartext, judged as one that should require TLS
        Summary.TargetSummary target = Judged.server(ServerOptions.builder(Judged.pki().server())
                .mode(ServerOptions.Mode.OFFER_TLS).build(), Profile.REQUIRE_TLS, id, Account.NONE);

        Summary.CaseSummary withData = result(target, id).cases().stream()
                .filter(c -> c.name().contains("DATA")).findFirst().orElseThrow();
        assertThat(withData.detail()).doesNotContain("no complete reply within");
        String transcript = withData.transcript();
        assertThat(transcript).contains("<<< 354");
        String afterData = transcript.substring(transcript.indexOf("<<< 354"));
        int nextSession = afterData.indexOf("--- session ");
        assertThat(afterData.substring(0, nextSession < 0 ? afterData.length() : nextSession))
                .as("nothing is sent in that session after the 354").doesNotContain(">>>")
                .contains("*** connection closed by client");
        assertThat(transcript).as("the other commands get a session of their own").contains(">>> RSET");
    }
}
