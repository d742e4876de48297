package org.starttls.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.starttls.client.SmtpSession;

/**
 * The AUTH account of {@code smtp.auth.user} / {@code smtp.auth.password}. It never shows itself: {@link #toString()}
 * is masked, and scripts reach it only through the secret variables, whose lines the transcript shows masked.
 */
public final class Credentials {

    /** What a transcript shows instead of a secret. */
    public static final String MASK = "********";

    private final String user;
    private final String password;

    public Credentials(String user, String password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The RFC 4616 PLAIN initial response, {@code base64(NUL user NUL password)}, for {@code AUTH PLAIN}. */
    public String plainResponse() {
        return base64("\0" + user + "\0" + password);
    }

    /**
     * The script variables that carry the secret: {@code ${auth_plain}} for AUTH PLAIN, {@code ${auth_login_user}} and
     * {@code ${auth_login_password}} (base64) for AUTH LOGIN.
     */
    public Map<String, String> variables() {
        return Map.of("auth_plain", plainResponse(), "auth_login_user", base64(user), "auth_login_password", base64(password));
    }

    /**
     * Why the account must not go out on {@code session} now, or empty when it may: only inside TLS with a certificate
     * chain that validated, so it is neither readable on the wire nor handed to a server that was not checked.
     */
    public static Optional<String> unsafeToSend(SmtpSession session) {
        return session.tls().isEmpty() ? Optional.of("TLS is not active")
                : session.tls().get().chainProblem().map(p -> "the server's certificate chain is not trusted: " + p);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[" + MASK + "]";
    }
}
