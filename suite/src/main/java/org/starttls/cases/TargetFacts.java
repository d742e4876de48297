package org.starttls.cases;

import java.util.List;
import java.util.Optional;
import org.starttls.client.Reply;
import org.starttls.client.TlsFacts;
import org.starttls.i18n.Text;

/**
 * What one probe session learned about a target before the cases run: the greeting, the EHLO replies before
 * and inside TLS, the TLS parameters, and the problem that stopped the probe, if any.
 *
 * @param problem set when the target cannot be evaluated as the profile requires (unreachable, no greeting,
 *                STARTTLS unusable); the run then fails the gate with this sentence
 * @param problemText {@code problem} as a message key with arguments, for the German reports (null when not given)
 */
public record TargetFacts(Optional<Reply> greeting, Optional<Reply> ehloClear, Optional<Reply> ehloTls,
                          Optional<TlsFacts> tls, Optional<String> problem, boolean reachable, String transcript,
                          Text problemText) {

    public TargetFacts(Optional<Reply> greeting, Optional<Reply> ehloClear, Optional<Reply> ehloTls,
                       Optional<TlsFacts> tls, Optional<String> problem, boolean reachable, String transcript) {
        this(greeting, ehloClear, ehloTls, tls, problem, reachable, transcript, null);
    }

    public List<String> keywordsClear() {
        return ehloClear.map(Reply::ehloKeywords).orElse(List.of());
    }

    public List<String> keywordsTls() {
        return ehloTls.map(Reply::ehloKeywords).orElse(List.of());
    }

    public String banner() {
        return greeting.map(Reply::text).orElse("");
    }
}
