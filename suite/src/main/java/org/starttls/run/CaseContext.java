package org.starttls.run;

import java.time.Duration;
import java.util.Map;
import org.starttls.catalogue.Profile;
import org.starttls.client.SmtpClient;
import org.starttls.client.SmtpSession;
import org.starttls.client.SessionException;
import org.starttls.client.Target;

/** What a case needs to run against one target. */
public record CaseContext(SmtpClient client, Target target, Profile profile, TargetFacts facts,
                          Map<String, String> variables, Duration timeout) {

    /** The variable that carries {@code smtp.tls.strict} to the certificate cases. */
    public static final String TLS_STRICT = "tls_strict";

    /** Whether an {@code offer-tls} target's certificate is judged at the RFC 7817 levels. */
    public boolean tlsStrict() {
        return Boolean.parseBoolean(variables.get(TLS_STRICT));
    }

    /** Opens a session the way the profile says: plain TCP, or TLS from the first byte for implicit-tls. */
    public SmtpSession connect() throws SessionException {
        return profile == Profile.IMPLICIT_TLS ? client.connectImplicitTls(target) : client.connect(target);
    }
}
