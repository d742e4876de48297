package org.starttls.catalogue;

import static org.starttls.catalogue.Profile.OFFER_TLS;
import static org.starttls.catalogue.Profile.REQUIRE_TLS;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every requirement the suite checks, with the RFC's own words. Scripts and Java cases refer to these ids;
 * an id that is not here is an error before any connection is made.
 */
public final class Catalogue {

    private static final Set<Profile> STARTTLS_PROFILES = EnumSet.of(REQUIRE_TLS, OFFER_TLS);
    private static final Set<Profile> REQUIRING = EnumSet.of(REQUIRE_TLS);

    private static final String S3207_3 = "The STARTTLS Keyword";
    private static final String S3207_4 = "The STARTTLS Command";
    private static final String S3207_4_2 = "Result of the STARTTLS Command";

    private static final String QUOTE_530 = "A SMTP server that is not publicly referenced may choose to require that the client "
            + "perform a TLS negotiation before accepting any commands. In this case, the server SHOULD return the reply code: "
            + "530 Must issue a STARTTLS command first to every command other than NOOP, EHLO, STARTTLS, or QUIT.";
    private static final String QUOTE_DISCARD = "The server MUST discard any knowledge obtained from the client, such as the "
            + "argument to the EHLO command, which was not obtained from the TLS negotiation itself.";
    private static final String QUOTE_REPLY_CODES = "After the client gives the STARTTLS command, the server responds with one "
            + "of the following reply codes: 220 Ready to start TLS, 501 Syntax error (no parameters allowed), "
            + "454 TLS not available due to temporary reason";

    private static final Map<String, Requirement> BY_ID = index(List.of(
            Requirement.of("RFC3207-3-INFO-STARTTLS-ADVERTISED", S3207_3,
                    "The EHLO reply in cleartext lists the STARTTLS keyword",
                    "The STARTTLS keyword is used to tell the SMTP client that the SMTP server is currently able to "
                            + "negotiate the use of TLS. It takes no parameters.",
                    "Enable TLS on this listener and give it a certificate (Postfix: smtpd_tls_security_level = may or encrypt "
                            + "with smtpd_tls_cert_file/smtpd_tls_key_file; Exim: tls_advertise_hosts = *). Clients only "
                            + "start TLS when the EHLO reply offers it.",
                    STARTTLS_PROFILES, false),
            Requirement.of("RFC3207-4-INFO-STARTTLS-READY", S3207_4,
                    "STARTTLS is answered with 220 and the TLS handshake completes",
                    QUOTE_REPLY_CODES,
                    "Answer STARTTLS with 220 and start the TLS handshake. A 454 means TLS is temporarily unavailable: "
                            + "check that the certificate and key files are readable by the SMTP daemon and that the TLS "
                            + "library initialises (see the server's log).",
                    STARTTLS_PROFILES, false),
            Requirement.of("RFC3207-4-INFO-501-PARAMETERS", S3207_4,
                    "STARTTLS with a parameter is refused with 501",
                    QUOTE_REPLY_CODES,
                    "Reject STARTTLS followed by any argument with 501 Syntax error (no parameters allowed) "
                            + "instead of starting TLS or answering 250.",
                    STARTTLS_PROFILES, false),
            Requirement.of("RFC3207-4-SHOULD-530", S3207_4,
                    "A mail command before STARTTLS is refused with 530",
                    QUOTE_530,
                    "Require TLS before mail commands and answer them with \"530 5.7.0 Must issue a STARTTLS command first\" "
                            + "(Postfix: smtpd_tls_security_level = encrypt; submission on port 587 should always require it). "
                            + "A different refusal code (550, 554, 503) tells clients the wrong story: 530 says \"issue STARTTLS\".",
                    REQUIRING, false),
            Requirement.of("RFC3207-4-SHOULD-ENHANCED-CODE", S3207_4,
                    "The 530 refusal carries the enhanced status code 5.7.0",
                    "If the client and server are using the ENHANCEDSTATUSCODES ESMTP extension [RFC2034], the status code "
                            + "to be returned SHOULD be 5.7.0.",
                    "Prefix the 530 text with 5.7.0 (\"530 5.7.0 Must issue a STARTTLS command first\") whenever "
                            + "ENHANCEDSTATUSCODES is advertised; clients use 5.7.x to recognise a security policy refusal.",
                    REQUIRING, false),
            Requirement.of("RFC3207-4-INFO-ALLOWED-BEFORE-TLS", S3207_4,
                    "NOOP, EHLO and QUIT are not refused before STARTTLS",
                    QUOTE_530,
                    "Exempt NOOP, EHLO, STARTTLS and QUIT from the TLS requirement: a client needs EHLO to discover STARTTLS "
                            + "and QUIT to leave politely.",
                    STARTTLS_PROFILES, true),
            Requirement.of("RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS", S3207_4_2,
                    "STARTTLS is not advertised again once TLS is active",
                    "A server MUST NOT return the STARTTLS extension in response to an EHLO command received after a TLS "
                            + "handshake has completed.",
                    "Remove STARTTLS from the EHLO reply while the connection is already encrypted. Advertising it again "
                            + "makes clients try a second handshake and shows the server has lost track of the TLS state.",
                    STARTTLS_PROFILES, false),
            Requirement.of("RFC3207-4.2-MUST-KNOW-TLS-ACTIVE", S3207_4_2,
                    "A second STARTTLS inside TLS is refused and the session goes on",
                    "Both the client and the server MUST know if there is a TLS session active.",
                    "Refuse STARTTLS when TLS is already active (for example \"503 5.5.1 TLS already active\" or Postfix's "
                            + "\"554 5.5.1 Error: TLS already active\") and keep serving the encrypted session.",
                    STARTTLS_PROFILES, false),
            Requirement.of("RFC3207-4.2-MUST-DISCARD-PIPELINED-PLAINTEXT", S3207_4_2,
                    "Plaintext pipelined behind STARTTLS is never executed inside TLS",
                    QUOTE_DISCARD,
                    "Discard the input buffer when STARTTLS is accepted, before the handshake: anything the client sent in "
                            + "cleartext after STARTTLS must not be read as a command once TLS is up (CVE-2011-0411, the "
                            + "2021 \"NO STARTTLS\" findings). Update the server; in your own code, reset the line reader "
                            + "when switching to TLS.",
                    STARTTLS_PROFILES, true)));

    private Catalogue() {
    }

    private static Map<String, Requirement> index(List<Requirement> requirements) {
        Map<String, Requirement> byId = new LinkedHashMap<>();
        for (Requirement r : requirements) {
            if (byId.put(r.id(), r) != null) {
                throw new IllegalStateException("requirement id listed twice in the catalogue: " + r.id());
            }
        }
        return byId;
    }

    /** All requirements in catalogue order (by RFC, then section). */
    public static List<Requirement> all() {
        return List.copyOf(BY_ID.values());
    }

    public static Optional<Requirement> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The requirement with this id; an unknown id is a programming or script error. */
    public static Requirement byId(String id) {
        Requirement r = BY_ID.get(id);
        if (r == null) {
            throw new IllegalArgumentException("unknown requirement id '" + id + "'; it is not in the catalogue");
        }
        return r;
    }
}
