package org.starttls.catalogue;

import static org.starttls.catalogue.Profile.IMPLICIT_TLS;
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
    private static final Set<Profile> OFFERING = EnumSet.of(OFFER_TLS);
    private static final Set<Profile> ALL = EnumSet.allOf(Profile.class);

    private static final String S3207_3 = "The STARTTLS Keyword";
    private static final String S3207_4 = "The STARTTLS Command";
    private static final String S3207_4_1 = "Processing After the STARTTLS Command";
    private static final String S3207_4_2 = "Result of the STARTTLS Command";
    private static final String S5321_4_1_1_10 = "QUIT (QUIT)";
    private static final String S5321_4_1_4 = "Order of Commands";
    private static final String S5321_4_2 = "SMTP Replies";
    private static final String S5321_4_2_1 = "Reply Code Severities and Theory";
    private static final String S5321_4_5_3_1_5 = "Reply Line";
    private static final String S5321_4_5_3_1_9 = "Treatment When Limits Exceeded";
    private static final String S2034_4 = "The Enhanced-Status-Codes service extension";
    private static final String S2920_3_2 = "Server support of pipelining";
    private static final String S4954_4 = "The AUTH Command";
    private static final String S4954_6 = "Status Codes";

    private static final String QUOTE_3 = "The STARTTLS keyword is used to tell the SMTP client that the SMTP server is currently "
            + "able to negotiate the use of TLS. It takes no parameters.";
    private static final String QUOTE_530 = "A SMTP server that is not publicly referenced may choose to require that the client "
            + "perform a TLS negotiation before accepting any commands. In this case, the server SHOULD return the reply code: "
            + "530 Must issue a STARTTLS command first to every command other than NOOP, EHLO, STARTTLS, or QUIT.";
    private static final String QUOTE_DISCARD = "The server MUST discard any knowledge obtained from the client, such as the "
            + "argument to the EHLO command, which was not obtained from the TLS negotiation itself.";
    private static final String QUOTE_REPLY_CODES = "After the client gives the STARTTLS command, the server responds with one "
            + "of the following reply codes: 220 Ready to start TLS, 501 Syntax error (no parameters allowed), "
            + "454 TLS not available due to temporary reason";
    private static final String QUOTE_RESET = "Upon completion of the TLS handshake, the SMTP protocol is reset to the initial "
            + "state (the state in SMTP after a server issues a 220 service ready greeting).";
    private static final String QUOTE_KNOW_TLS = "Both the client and the server MUST know if there is a TLS session active.";
    private static final String QUOTE_REPLY_FORMAT = "An SMTP reply consists of a three digit number (transmitted as three "
            + "numeric characters) followed by some text unless specified otherwise in this document.";

    /** Fix hints shared by requirements that one server fault breaks together. */
    private static final String DISCARD_BUFFER = "Discard the input buffer when STARTTLS is accepted, before the handshake: "
            + "anything the client sent in cleartext after STARTTLS must not be read as a command once TLS is up "
            + "(CVE-2011-0411, the 2021 \"NO STARTTLS\" findings). Update the server; in your own code, reset the line reader "
            + "when switching to TLS.";
    private static final String RESET_SESSION = "On a completed TLS handshake reset the session to the state right after the "
            + "greeting: forget the EHLO/HELO argument, the envelope (MAIL FROM, RCPT TO) and any AUTH state. Current Postfix, "
            + "Exim and Sendmail do this; an old or home-grown server that keeps them lets an attacker in the path prepare a "
            + "session in cleartext that the client then continues inside TLS.";

    private static final Map<String, Requirement> BY_ID = index(List.of(
            // RFC 3207 §3
            Requirement.of("RFC3207-3-INFO-STARTTLS-ADVERTISED", S3207_3,
                    "The EHLO reply in cleartext lists the STARTTLS keyword",
                    QUOTE_3,
                    "Enable TLS on this listener and give it a certificate (Postfix: smtpd_tls_security_level = may or encrypt "
                            + "with smtpd_tls_cert_file/smtpd_tls_key_file; Exim: tls_advertise_hosts = *). Clients only "
                            + "start TLS when the EHLO reply offers it.",
                    STARTTLS_PROFILES, false),
            Requirement.of("RFC3207-3-INFO-STARTTLS-NO-PARAMETERS", S3207_3,
                    "The STARTTLS keyword is advertised without parameters",
                    QUOTE_3,
                    "Advertise the bare keyword \"250-STARTTLS\". Text after it (\"STARTTLS required\", options) is not part "
                            + "of the extension and makes strict clients ignore the offer; check a custom EHLO banner or "
                            + "proxy that rewrites the capability list.",
                    STARTTLS_PROFILES, true),
            // RFC 3207 §4
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
                    "Every command other than NOOP, EHLO, STARTTLS and QUIT is refused with 530 before STARTTLS",
                    QUOTE_530,
                    "Require TLS before mail commands and answer them with \"530 5.7.0 Must issue a STARTTLS command first\" "
                            + "(Postfix: smtpd_tls_security_level = encrypt; submission on port 587 should always require it). "
                            + "A different refusal code (550, 554, 503) tells clients the wrong story: 530 says \"issue STARTTLS\". "
                            + "Postfix also allows HELO and answers HELP with 500; that is reported here and may be accepted.",
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
            Requirement.of("RFC3207-4-MUSTNOT-REQUIRE-TLS-PUBLIC-MX", S3207_4,
                    "A public MX accepts mail for a local recipient without STARTTLS",
                    "A publicly-referenced SMTP server MUST NOT require use of the STARTTLS extension in order to deliver "
                            + "mail locally. This rule prevents the STARTTLS extension from damaging the interoperability of "
                            + "the Internet's SMTP infrastructure.",
                    "On port 25 of a host named in an MX record offer STARTTLS but do not require it (Postfix: "
                            + "smtpd_tls_security_level = may, not encrypt, for the port 25 smtpd; Exim: no "
                            + "hosts_require_tls for the whole Internet). Require TLS on submission (587) instead, and use "
                            + "MTA-STS or DANE to ask senders for TLS.",
                    OFFERING, false),
            Requirement.of("RFC3207-4-INFO-NO-PLAINTEXT-AFTER-220", S3207_4,
                    "Plaintext sent instead of a TLS ClientHello after the 220 is never answered in clear",
                    "After receiving a 220 response to a STARTTLS command, the client MUST start the TLS negotiation before "
                            + "giving any other SMTP commands.",
                    "Once you have answered STARTTLS with 220, the next bytes belong to TLS: treat anything that is not a "
                            + "ClientHello as a failed handshake and close the connection. Answering it in cleartext lets an "
                            + "attacker who stripped the handshake go on talking SMTP in the clear.",
                    STARTTLS_PROFILES, true),
            // RFC 3207 §4.1
            Requirement.of("RFC3207-4.1-SHOULD-554-INSUFFICIENT-SECURITY", S3207_4_1,
                    "A server that finds the negotiated security insufficient refuses every command but QUIT with 554",
                    "If the SMTP server decides that the level of authentication or privacy is not high enough for it to "
                            + "continue, it SHOULD reply to every SMTP command from the client (other than a QUIT command) "
                            + "with the \"554 Command refused due to lack of security\" reply.",
                    "When your TLS policy rejects the negotiated session (protocol, cipher or client certificate), answer "
                            + "every command except QUIT with \"554 5.7.0 Command refused due to lack of security\", not just "
                            + "the first one, and let QUIT end the session with 221.",
                    STARTTLS_PROFILES, false),
            // RFC 3207 §4.2
            Requirement.of("RFC3207-4.2-INFO-NO-GREETING-AFTER-TLS", S3207_4_2,
                    "No new greeting is sent after the TLS handshake",
                    QUOTE_RESET,
                    "Do not send a 220 greeting after the handshake: the client speaks first (EHLO). An unsolicited 220 "
                            + "inside TLS is read as the answer to the client's EHLO and desynchronises every reply after it.",
                    STARTTLS_PROFILES, true),
            Requirement.of("RFC3207-4.2-MUST-FORGET-EHLO", S3207_4_2,
                    "The EHLO argument from before TLS is forgotten: MAIL right after the handshake needs a new EHLO",
                    QUOTE_DISCARD,
                    RESET_SESSION,
                    STARTTLS_PROFILES, false),
            Requirement.of("RFC3207-4.2-MUST-FORGET-ENVELOPE", S3207_4_2,
                    "A mail transaction begun before TLS does not survive the handshake",
                    QUOTE_DISCARD,
                    RESET_SESSION,
                    OFFERING, false),
            Requirement.of("RFC3207-4.2-MUST-FORGET-AUTH", S3207_4_2,
                    "An AUTH completed before TLS does not survive the handshake: AUTH inside TLS is carried out anew",
                    QUOTE_DISCARD,
                    "Reset the SASL/authentication state when TLS starts, as you reset the EHLO argument and the "
                            + "envelope; an AUTH that survives the handshake lets a session authenticated in cleartext, "
                            + "perhaps by an attacker in the path, be continued inside TLS. Better still, never accept AUTH "
                            + "before TLS (RFC 4954 §4; Postfix: smtpd_tls_auth_only = yes).",
                    STARTTLS_PROFILES, false),
            Requirement.of("RFC3207-4.2-MUST-DISCARD-PIPELINED-PLAINTEXT", S3207_4_2,
                    "Plaintext pipelined behind STARTTLS is never executed inside TLS",
                    QUOTE_DISCARD,
                    DISCARD_BUFFER,
                    STARTTLS_PROFILES, true),
            Requirement.of("RFC3207-4.2-INFO-EHLO-LIST-RENEWED", S3207_4_2,
                    "The EHLO reply inside TLS is a new list (differences to the cleartext list are reported)",
                    "The list of SMTP service extensions returned in response to an EHLO command received after the TLS "
                            + "handshake MAY be different than the list returned before the TLS handshake.",
                    "Build the EHLO reply from the current session state: inside TLS drop STARTTLS and add what only TLS "
                            + "permits (AUTH PLAIN LOGIN on submission). A verbatim copy of the cleartext list means the "
                            + "server does not look at the TLS state at all.",
                    STARTTLS_PROFILES, true),
            Requirement.of("RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS", S3207_4_2,
                    "STARTTLS is not advertised again once TLS is active",
                    "A server MUST NOT return the STARTTLS extension in response to an EHLO command received after a TLS "
                            + "handshake has completed.",
                    "Remove STARTTLS from the EHLO reply while the connection is already encrypted. Advertising it again "
                            + "makes clients try a second handshake and shows the server has lost track of the TLS state.",
                    STARTTLS_PROFILES, false),
            Requirement.of("RFC3207-4.2-MUST-KNOW-TLS-ACTIVE", S3207_4_2,
                    "Inside TLS the server acts on TLS being active: a second STARTTLS is refused, no 530 demands STARTTLS",
                    QUOTE_KNOW_TLS,
                    "Refuse STARTTLS when TLS is already active (for example \"503 5.5.1 TLS already active\" or Postfix's "
                            + "\"554 5.5.1 Error: TLS already active\") and keep serving the encrypted session. Inside TLS never "
                            + "answer 530 unless you mean \"authentication required\" and offer AUTH.",
                    STARTTLS_PROFILES, false),
            // RFC 5321, the replies every STARTTLS verdict is read from
            Requirement.of("RFC5321-4.1.1.10-MUST-QUIT-221-CLOSE", S5321_4_1_1_10,
                    "QUIT is answered with 221 and the server closes the connection",
                    "This command specifies that the receiver MUST send a \"221 OK\" reply, and then close the transmission "
                            + "channel.",
                    "Answer QUIT with 221 and close the connection yourself; a server that waits for the client to close "
                            + "ties up connection slots and makes every client time out.",
                    ALL, false),
            Requirement.of("RFC5321-4.1.4-MUST-503-BAD-SEQUENCE", S5321_4_1_4,
                    "A command out of sequence gets 503 and the transaction state is unchanged",
                    "If the commands in a transaction are out of order to the degree that they cannot be processed by the "
                            + "server, a 503 failure reply MUST be returned and the SMTP server MUST stay in the same state.",
                    "Answer RCPT without MAIL and a nested MAIL with \"503 5.5.1 Bad sequence of commands\" and keep the open "
                            + "transaction as it was; dropping it or answering 250 desynchronises clients.",
                    ALL, false),
            Requirement.of("RFC5321-4.2-INFO-REPLY-GRAMMAR", S5321_4_2,
                    "Every reply is a three-digit code, SP or '-', text and CRLF",
                    QUOTE_REPLY_FORMAT,
                    "Send replies as \"ddd text\\r\\n\" (continuation lines \"ddd-text\\r\\n\") with a code from 200 to 559 "
                            + "and CRLF line ends; check proxies, milters and banner templates that add lines of their own.",
                    ALL, true),
            Requirement.of("RFC5321-4.2-MUST-ONE-REPLY-PER-COMMAND", S5321_4_2,
                    "Every command gets exactly one reply",
                    "Every command MUST generate exactly one reply.",
                    "Send one reply per command, also for errors: a second reply (for example an extra error line after a "
                            + "refusal) shifts every later reply onto the wrong command.",
                    ALL, false),
            Requirement.of("RFC5321-4.2.1-MUST-SAME-CODE-ON-EVERY-LINE", S5321_4_2_1,
                    "All lines of a multiline reply carry the same code",
                    "In a multiline reply, the reply code on each of the lines MUST be the same.",
                    "Give every line of a multiline reply the same code (\"250-...\" up to the final \"250 ...\"); look for "
                            + "a filter or proxy that splices its own lines into EHLO or error replies.",
                    ALL, false),
            Requirement.of("RFC5321-4.5.3.1.5-INFO-REPLY-LINE-LENGTH", S5321_4_5_3_1_5,
                    "No reply line is longer than 512 octets",
                    "The maximum total length of a reply line including the reply code and the <CRLF> is 512 octets.",
                    "Keep each reply line within 512 octets including code and CRLF; split long texts over a multiline "
                            + "reply (custom rejection messages and banners are the usual culprits).",
                    ALL, true),
            Requirement.of("RFC5321-4.5.3.1.9-INFO-OVERLONG-COMMAND", S5321_4_5_3_1_9,
                    "A command line longer than 512 octets gets one reply (500, or the command's own if the server "
                            + "accepts longer lines) and the session goes on",
                    "Errors due to exceeding these limits may be reported by using the reply codes. Some examples of reply "
                            + "codes are: 500 Line too long.",
                    "Either accept long command lines whole (RFC 5321 §4.5.3.1 prefers no fixed limits) or refuse them with "
                            + "\"500 5.5.2 Line too long\" and drop the rest of that line; never cut the line and execute its "
                            + "tail as a new command.",
                    ALL, true),
            // RFC 2034 (1996, older than the BCP 14 keywords: its lower-case "must" is reported as INFO)
            Requirement.of("RFC2034-4-INFO-ENHANCED-CODE-ON-EVERY-LINE", S2034_4,
                    "With ENHANCEDSTATUSCODES every 2xx/4xx/5xx reply line but greeting and EHLO/HELO carries a matching code",
                    "These codes must appear in all 2xx, 4xx, and 5xx response lines other than initial greeting and any "
                            + "response to HELO or EHLO. Note that 3xx responses are NOT included in this list. All status "
                            + "codes returned by the server must agree with the primary response code, that is, a 2xx "
                            + "response must incorporate a 2.X.X code, a 4xx response must incorporate a 4.X.X code, and a "
                            + "5xx response must incorporate a 5.X.X code.",
                    "Either stop advertising ENHANCEDSTATUSCODES or put a class-matching code (2.x.x, 4.x.x, 5.x.x) at the "
                            + "start of every line of every 2xx/4xx/5xx reply, including QUIT's 221 and the 220 to STARTTLS.",
                    ALL, true),
            // RFC 2920
            Requirement.of("RFC2920-3.2-MUST-REPLIES-IN-ORDER", S2920_3_2,
                    "Replies to pipelined commands come back in the order of the commands",
                    "MUST respond to commands in the order they are received from the client.",
                    "Process a pipelined group strictly in order and write one reply per command in that order; if you "
                            + "cannot, stop advertising PIPELINING.",
                    ALL, false),
            // RFC 4954
            Requirement.of("RFC4954-4-SHOULDNOT-PLAINTEXT-AUTH-BEFORE-TLS", S4954_4,
                    "AUTH with a plaintext password mechanism is refused before TLS",
                    "A server implementation MUST implement a configuration in which it does NOT permit any plaintext "
                            + "password mechanisms, unless either the STARTTLS [SMTP-TLS] command has been negotiated or some "
                            + "other mechanism that protects the session from password snooping has been provided. Server "
                            + "sites SHOULD NOT use any configuration which permits a plaintext password mechanism without "
                            + "such a protection mechanism against password snooping.",
                    "Allow AUTH PLAIN and LOGIN only inside TLS (Postfix: smtpd_tls_auth_only = yes; Exim: "
                            + "server_advertise_condition = ${if def:tls_in_cipher}; Dovecot: disable_plaintext_auth = yes). "
                            + "Passwords sent before STARTTLS travel in the clear.",
                    STARTTLS_PROFILES, false),
            Requirement.of("RFC4954-6-SHOULDNOT-ADVERTISE-PLAINTEXT-MECHANISMS", S4954_6,
                    "The cleartext EHLO reply does not offer PLAIN or LOGIN",
                    "Modern implementations SHOULD NOT advertise mechanisms that are not permitted due to lack of "
                            + "encryption, unless an encryption layer of sufficient strength is currently being employed.",
                    "Offer AUTH PLAIN LOGIN only in the EHLO reply inside TLS (Postfix: smtpd_tls_auth_only = yes). "
                            + "Clients that see PLAIN before STARTTLS may send the password right away.",
                    STARTTLS_PROFILES, false),

            // --- TLS level (issue 8): versions, certificate, cipher suites, implicit TLS. Keep this block together.
            Requirement.of(TlsRequirements.TLS10, "Do Not Use TLS 1.0",
                    "TLS 1.0 is refused",
                    "TLS 1.0 MUST NOT be used. Negotiation of TLS 1.0 from any version of TLS MUST NOT be permitted.",
                    "Set the minimum protocol to TLS 1.2 (Postfix: smtpd_tls_protocols = >=TLSv1.2 and "
                            + "smtpd_tls_mandatory_protocols = >=TLSv1.2; OpenSSL MinProtocol = TLSv1.2).",
                    ALL, false),
            Requirement.of(TlsRequirements.TLS11, "Do Not Use TLS 1.1",
                    "TLS 1.1 is refused",
                    "TLS 1.1 MUST NOT be used. Negotiation of TLS 1.1 from any version of TLS MUST NOT be permitted.",
                    "Set the minimum protocol to TLS 1.2, as for TLS 1.0.",
                    ALL, false),
            Requirement.of(TlsRequirements.TLS12, "SSL/TLS Protocol Versions",
                    "TLS 1.2 is accepted",
                    "Implementations MUST support TLS 1.2 [RFC5246].",
                    "Enable TLS 1.2 in the TLS library and the SMTP server; a TLS 1.3-only listener locks out many "
                            + "sending servers.",
                    ALL, false),
            Requirement.of(TlsRequirements.TLS13, "SSL/TLS Protocol Versions",
                    "TLS 1.3 is accepted",
                    "Implementations SHOULD support TLS 1.3 [RFC8446] and, if implemented, MUST prefer to negotiate TLS 1.3 "
                            + "over earlier versions of TLS.",
                    "Update the TLS library (OpenSSL 1.1.1 or newer) and allow TLSv1.3 in the server's protocol list.",
                    ALL, false),
            Requirement.of(TlsRequirements.CERT_CHAIN, "Use of TLS by Mail User Agents",
                    "The certificate chain validates to the configured trust anchors",
                    "MUAs MUST NOT treat a session as meeting a minimum level of confidentiality if the server's TLS "
                            + "certificate cannot be validated.",
                    "Serve the whole chain (leaf then intermediates) from a CA the clients trust (Postfix: "
                            + "smtpd_tls_chain_files); a self-signed or privately issued certificate needs the client to be "
                            + "given that CA (-Dsmtp.tls.trust=ca.pem).",
                    ALL, true),
            Requirement.of(TlsRequirements.CERT_NAME, "Email Server Certificate Verification Rules",
                    "The certificate names the server (subjectAltName, RFC 6125 matching)",
                    "During a TLS negotiation, an email client (i.e., an SMTP, IMAP, POP3, or ManageSieve client) MUST "
                            + "check its understanding of the server identity (client's reference identifiers) against the "
                            + "server's identity as presented in the server Certificate message in order to prevent "
                            + "man-in-the-middle attacks.",
                    "Issue the certificate with the name clients connect to as a DNS subjectAltName (a wildcard only as "
                            + "the whole left-most label; an IP address as an IP subjectAltName). The subject CN alone is "
                            + "not enough for RFC 6125 clients.",
                    ALL, true),
            Requirement.of(TlsRequirements.CERT_VALIDITY, "Use of TLS by Mail User Agents",
                    "The certificate is valid now: not expired and not yet to come",
                    "MUAs MUST NOT treat a session as meeting a minimum level of confidentiality if the server's TLS "
                            + "certificate cannot be validated.",
                    "Renew the certificate before notAfter and reload the server (automate it, e.g. ACME with a deploy "
                            + "hook that reloads Postfix); check the host's clock for not-yet-valid certificates.",
                    ALL, true),
            Requirement.of(TlsRequirements.KEY_STRENGTH, "Public Key Length",
                    "An RSA certificate key has at least 2048 bits (EC keys: at least 256 bits, reported)",
                    "When using RSA, servers SHOULD authenticate using certificates with at least a 2048-bit modulus for "
                            + "the public key.",
                    "Issue a new key of at least 2048 bits (RSA) or use P-256 (EC) and a new certificate for it.",
                    ALL, false),
            Requirement.of(TlsRequirements.SIGNATURE, "Public Key Length",
                    "No certificate the server sends is signed with MD5 or SHA-1",
                    "In addition, the use of the SHA-256 hash algorithm is RECOMMENDED",
                    "Have the certificate (and intermediates) reissued with a SHA-256 signature.",
                    ALL, false),
            Requirement.of(TlsRequirements.NULL_SUITES, "General Guidelines",
                    "Cipher suites with NULL encryption are refused",
                    "Implementations MUST NOT negotiate the cipher suites with NULL encryption.",
                    "Remove eNULL from the cipher list (Postfix: smtpd_tls_exclude_ciphers = aNULL, eNULL, EXPORT, RC4, "
                            + "3DES, MD5).",
                    ALL, false),
            Requirement.of(TlsRequirements.RC4_SUITES, "Changes to TLS",
                    "A ClientHello offering only RC4 suites is refused",
                    "If the TLS client only offers RC4 cipher suites, the TLS server MUST terminate the handshake.",
                    "Remove RC4 from the cipher list (smtpd_tls_exclude_ciphers = RC4, ...); OpenSSL 1.1 and newer have no "
                            + "RC4 by default.",
                    ALL, false),
            Requirement.of(TlsRequirements.EXPORT_SUITES, "General Guidelines",
                    "EXPORT cipher suites (40 and 56 bits) are refused",
                    "Implementations MUST NOT negotiate cipher suites offering less than 112 bits of security, including "
                            + "so-called \"export-level\" encryption (which provide 40 or 56 bits of security).",
                    "Remove EXPORT and DES from the cipher list, or update a TLS library old enough to offer them.",
                    ALL, false),
            Requirement.of(TlsRequirements.TRIPLE_DES_SUITES, "General Guidelines",
                    "3DES cipher suites (112-bit security) are refused",
                    "Implementations SHOULD NOT negotiate cipher suites that use algorithms offering less than 128 bits of "
                            + "security.",
                    "Remove 3DES from the cipher list (smtpd_tls_exclude_ciphers = 3DES, ...).",
                    ALL, false),
            Requirement.of(TlsRequirements.ANON_SUITES, "Use of TLS by Mail User Agents",
                    "Anonymous (certificate-less) cipher suites are refused",
                    "MUAs MUST NOT treat a session as meeting a minimum level of confidentiality if the server's TLS "
                            + "certificate cannot be validated.",
                    "Remove aNULL from the cipher list: an anonymous suite sends no certificate, so no client can "
                            + "authenticate the server. (Public MX servers may keep them for opportunistic peers.)",
                    ALL, true),
            Requirement.of(TlsRequirements.OPPORTUNISTIC_CERT, "Introduction",
                    "Certificate problems of an opportunistic MX, reported",
                    "Protocol designs based on Opportunistic Security use encryption even when authentication is not "
                            + "available, and use authentication when possible, thereby removing barriers to the widespread "
                            + "use of encryption on the Internet.",
                    "Senders that authenticate (DANE, MTA-STS) need a certificate that validates and names the MX; "
                            + "run with -Dsmtp.tls.strict=true to judge the certificate at the RFC 7817 levels.",
                    EnumSet.of(OFFER_TLS), true),
            Requirement.of(TlsRequirements.IMPLICIT_HANDSHAKE_FIRST, "Implicit TLS for SMTP Submission",
                    "On the implicit-TLS port the TLS handshake comes before any SMTP byte, and the greeting inside it",
                    "When a TCP connection is established for the \"submissions\" service (default port 465), a TLS "
                            + "handshake begins immediately.",
                    "Run the listener in wrapper mode (Postfix master.cf: smtps ... -o smtpd_tls_wrappermode=yes) so that "
                            + "TLS starts at connect, not after a greeting.",
                    EnumSet.of(IMPLICIT_TLS), true),
            Requirement.of(TlsRequirements.IMPLICIT_NO_STARTTLS, "Implicit TLS for SMTP Submission",
                    "The EHLO reply on the implicit-TLS port does not offer STARTTLS",
                    "Once the TLS session is established, Message Submission protocol data [RFC6409] is exchanged as TLS "
                            + "application data for the remainder of the TCP connection.",
                    "Do not advertise STARTTLS inside implicit TLS (Postfix does not with smtpd_tls_wrappermode=yes).",
                    EnumSet.of(IMPLICIT_TLS), true),
            Requirement.of(TlsRequirements.IMPLICIT_NO_PLAINTEXT, "Implicit TLS for SMTP Submission",
                    "A plaintext EHLO on the implicit-TLS port is not answered as SMTP",
                    "When a TCP connection is established for the \"submissions\" service (default port 465), a TLS "
                            + "handshake begins immediately.",
                    "The port must only speak TLS: a server that answers plaintext SMTP here is a STARTTLS or cleartext "
                            + "listener on the wrong port; enable wrapper mode.",
                    EnumSet.of(IMPLICIT_TLS), true)));

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
