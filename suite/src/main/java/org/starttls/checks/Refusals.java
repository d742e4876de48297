package org.starttls.checks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.starttls.client.Reply;

/**
 * What a refusal means, for judging it: a 530 is either RFC 3207's "Must issue a STARTTLS command first" or RFC 4954
 * §6's "Authentication required", both with 5.7.0; and any reply with an enhanced status of class X.7 is a security or
 * policy refusal (RFC 3463 §3.8). Such refusals say the server will not serve this client now, not that a command was
 * out of sequence or answered out of order: the cases that meet one end INCONCLUSIVE with that reason.
 *
 * <p>A 530 is read by its text when the text says which it is (STARTTLS or TLS; authentication), else by its context:
 * before TLS it is the STARTTLS demand unless the EHLO in force offers AUTH; inside TLS it can only mean authentication
 * required, and then only if AUTH is offered. A text that names both is authentication required inside TLS with AUTH
 * offered (e.g. "Authentication required on this TLS session"), else the STARTTLS demand.
 */
public final class Refusals {

    /** The kinds of refusal that are about the client, not about the command. */
    public enum Kind {
        /** 530 demanding STARTTLS (RFC 3207 §4). */
        STARTTLS_REQUIRED,
        /** 530 demanding AUTH (RFC 4954 §6). */
        AUTHENTICATION_REQUIRED,
        /** Another refusal with an X.7 enhanced status: security or policy (RFC 3463 §3.8). */
        POLICY
    }

    private static final Pattern NAMES_TLS = Pattern.compile("(?i)starttls|\\btls\\b|\\bssl\\b|encrypt");
    private static final Pattern NAMES_AUTH = Pattern.compile("(?i)auth");

    private Refusals() {
    }

    /**
     * The kind of policy refusal {@code reply} is, or empty for an ordinary reply.
     *
     * @param tlsActive   whether the reply came inside TLS
     * @param authOffered whether the EHLO reply in force lists AUTH
     */
    public static Optional<Kind> of(Reply reply, boolean tlsActive, boolean authOffered) {
        if (reply.code() == 530) {
            return Optional.of(meaningOf530(reply, tlsActive, authOffered));
        }
        boolean refusal = reply.codeClass() == 4 || reply.codeClass() == 5;
        return refusal && reply.enhancedStatus().filter(s -> s.subject() == 7).isPresent()
                ? Optional.of(Kind.POLICY) : Optional.empty();
    }

    private static Kind meaningOf530(Reply reply, boolean tlsActive, boolean authOffered) {
        String text = reply.text();
        boolean namesAuth = NAMES_AUTH.matcher(text).find();
        // inside TLS with AUTH offered a 530 can mean authentication required, whatever else its text says of TLS
        if (tlsActive && authOffered && namesAuth) {
            return Kind.AUTHENTICATION_REQUIRED;
        }
        if (NAMES_TLS.matcher(text).find()) {
            return Kind.STARTTLS_REQUIRED;
        }
        if (namesAuth) {
            return Kind.AUTHENTICATION_REQUIRED;
        }
        return authOffered ? Kind.AUTHENTICATION_REQUIRED : Kind.STARTTLS_REQUIRED;
    }

    /** Whether the EHLO reply lists AUTH with {@code mechanism} (either keyword form: AUTH, or the pre-standard AUTH=). */
    public static boolean offersMechanism(Reply ehlo, String mechanism) {
        return ehlo.lines().stream().skip(1).map(l -> l.strip().toUpperCase(Locale.ROOT).split("[ =]+"))
                .anyMatch(words -> words[0].equals("AUTH") && List.of(words).subList(1, words.length).contains(mechanism));
    }

    /** Whether the EHLO reply lists AUTH (with any mechanisms, or the pre-standard AUTH=). */
    public static boolean offersAuth(Reply ehlo) {
        return ehlo.ehloKeywords().stream().anyMatch(k -> k.equals("AUTH") || k.startsWith("AUTH="));
    }

    /**
     * Why a case that met {@code reply} (of {@code kind}) to {@code command} cannot judge its requirement, in one
     * sentence for the case's detail.
     */
    public static String notJudged(String command, Reply reply, Kind kind, Dialog.Account account) {
        String what = command + " was refused with " + Dialog.oneLine(reply);
        return switch (kind) {
            case AUTHENTICATION_REQUIRED -> what + ": the server requires authentication (RFC 4954 §6), a policy "
                    + "refusal, not an answer to the order of commands; " + account.why();
            case STARTTLS_REQUIRED -> what + ": a demand for STARTTLS, not an answer to the order of commands"
                    + " (inside TLS it is RFC3207-4.2-MUST-KNOW-TLS-ACTIVE's finding)";
            case POLICY -> what + ": a security or policy refusal (X.7 enhanced status), not an answer to the order "
                    + "of commands";
        };
    }
}
