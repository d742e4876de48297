package org.starttls.cases;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.starttls.client.Deadline;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpClient;
import org.starttls.client.SmtpSession;
import org.starttls.client.Target;
import org.starttls.client.Transcript;
import org.starttls.clientmode.ClientModeContext;
import org.starttls.config.Credentials;
import org.starttls.summary.Profile;

/**
 * What a case needs to run against one target. Sessions opened through {@link #connect()} share the case's time
 * budget ({@link #deadline()}), and the run looks at them afterwards (a 421 makes the case eligible for a retry).
 * In client mode (DESIGN §9) there is no target to connect to: the case gets the client under test through
 * {@link #clientMode()} instead.
 */
public final class CaseContext {

    /** The variable that carries {@code smtp.tls.strict} to the certificate cases. */
    public static final String TLS_STRICT = "tls_strict";

    private final SmtpClient client;
    private final Target target;
    private final Profile profile;
    private final TargetFacts facts;
    private final Map<String, String> variables;
    private final Duration timeout;
    private final Deadline deadline;
    private final Optional<Credentials> credentials;
    private final List<SmtpSession> sessions = new CopyOnWriteArrayList<>();
    private final ClientModeContext clientMode;

    /** A context without a time budget and without AUTH credentials. */
    public CaseContext(SmtpClient client, Target target, Profile profile, TargetFacts facts,
                       Map<String, String> variables, Duration timeout) {
        this(client, target, profile, facts, variables, timeout, Deadline.NONE, Optional.empty());
    }

    public CaseContext(SmtpClient client, Target target, Profile profile, TargetFacts facts, Map<String, String> variables,
                       Duration timeout, Deadline deadline, Optional<Credentials> credentials) {
        this.client = client;
        this.target = target;
        this.profile = profile;
        this.facts = facts;
        this.variables = Map.copyOf(variables);
        this.timeout = timeout;
        this.deadline = deadline;
        this.credentials = credentials;
        this.clientMode = null;
    }

    /** A client-mode context: the suite plays the server, {@code profile} is the client's declared policy. */
    public CaseContext(ClientModeContext clientMode, Profile profile, Duration timeout) {
        this.client = null;
        this.target = null;
        this.profile = profile;
        this.facts = null;
        this.variables = Map.of();
        this.timeout = timeout;
        this.deadline = Deadline.NONE;
        this.credentials = Optional.empty();
        this.clientMode = clientMode;
    }

    /** The client under test and the run's fake-server kit; only in client mode. */
    public ClientModeContext clientMode() {
        if (clientMode == null) {
            throw new IllegalStateException("a client case was run against a server target; run it in client mode");
        }
        return clientMode;
    }

    /** Whether an {@code offer-tls} target's certificate is judged at the RFC 7817 levels. */
    public boolean tlsStrict() {
        return Boolean.parseBoolean(variables.get(TLS_STRICT));
    }

    /** Opens a session the way the profile says: plain TCP, or TLS from the first byte for implicit-tls. */
    public SmtpSession connect() throws SessionException {
        if (clientMode != null) {
            throw new IllegalStateException("a server case was run in client mode, where there is no server to connect to");
        }
        deadline.check("a new connection");
        SmtpSession session = profile == Profile.IMPLICIT_TLS ? client.connectImplicitTls(target) : client.connect(target);
        sessions.add(session.limitTo(deadline));
        return session;
    }

    /** Whether any session of this case received a {@code 421} (service closing), the cue for {@code smtp.retry.421}. */
    public boolean received421() {
        return sessions.stream().flatMap(s -> s.transcript().entries().stream())
                .anyMatch(e -> e.direction() == Transcript.Direction.RECEIVED && e.text().startsWith("421"));
    }

    public SmtpClient client() {
        return client;
    }

    public Target target() {
        return target;
    }

    public Profile profile() {
        return profile;
    }

    public TargetFacts facts() {
        return facts;
    }

    /** The plain variables: {@code helo}, {@code mail_from}, {@code rcpt}, {@link #TLS_STRICT}. Secrets are never in here. */
    public Map<String, String> variables() {
        return variables;
    }

    public Duration timeout() {
        return timeout;
    }

    public Deadline deadline() {
        return deadline;
    }

    /** The AUTH account for cases that authenticate inside TLS; empty when none was configured. */
    public Optional<Credentials> credentials() {
        return credentials;
    }
}
