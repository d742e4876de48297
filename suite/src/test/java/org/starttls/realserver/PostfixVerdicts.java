package org.starttls.realserver;

import static org.starttls.summary.Verdict.FAIL;
import static org.starttls.summary.Verdict.NOT_APPLICABLE;
import static org.starttls.summary.Verdict.PASS;

import java.util.Map;
import org.starttls.summary.Profile;
import org.starttls.summary.Verdict;

/**
 * What Postfix's documented behaviour implies for every catalogue requirement, under the two STARTTLS profiles:
 * {@code require-tls} is a listener with {@code smtpd_tls_security_level = encrypt}, {@code offer-tls} one with
 * {@code may}. Every catalogue id must have a row; a note says why Postfix does not PASS where the profile applies.
 */
final class PostfixVerdicts {

    /** One row of the table. */
    record Expected(Verdict requireTls, Verdict offerTls, String note) {
        Verdict under(Profile profile) {
            return switch (profile) {
                case REQUIRE_TLS -> requireTls;
                case OFFER_TLS -> offerTls;
                case IMPLICIT_TLS -> throw new IllegalArgumentException("Postfix runs here with STARTTLS only");
            };
        }
    }

    static final Map<String, Expected> TABLE = Map.ofEntries(
            row("RFC3207-3-INFO-STARTTLS-ADVERTISED", PASS, PASS),
            row("RFC3207-3-INFO-STARTTLS-NO-PARAMETERS", PASS, PASS),
            row("RFC3207-4-INFO-STARTTLS-READY", PASS, PASS),
            row("RFC3207-4-INFO-501-PARAMETERS", PASS, PASS),
            row("RFC3207-4-SHOULD-530", FAIL, NOT_APPLICABLE, "before TLS Postfix answers HELO with 250 and HELP, EXPN "
                    + "and unknown commands with 500 5.5.2; MAIL, RCPT, DATA, BDAT, RSET, VRFY, ETRN and AUTH get 530"),
            row("RFC3207-4-SHOULD-ENHANCED-CODE", PASS, NOT_APPLICABLE),
            row("RFC3207-6-MUST-REFUSE-MAIL-AND-AUTH-BEFORE-TLS", PASS, NOT_APPLICABLE),
            row("RFC3207-4-INFO-ALLOWED-BEFORE-TLS", PASS, PASS),
            row("RFC3207-4-MUSTNOT-REQUIRE-TLS-PUBLIC-MX", NOT_APPLICABLE, PASS),
            row("RFC3207-4-INFO-NO-PLAINTEXT-AFTER-220", PASS, PASS),
            row("RFC3207-4.1-SHOULD-554-INSUFFICIENT-SECURITY", NOT_APPLICABLE, NOT_APPLICABLE, "Postfix accepts every "
                    + "TLS session it completes, so a 554 for insufficient security cannot be provoked"),
            row("RFC3207-4.2-INFO-NO-GREETING-AFTER-TLS", PASS, PASS),
            row("RFC3207-4.2-MUST-FORGET-EHLO", NOT_APPLICABLE, NOT_APPLICABLE, "smtpd_helo_required = no (the default): "
                    + "MAIL without EHLO is accepted, so forgetting the cleartext EHLO cannot be observed"),
            row("RFC3207-4.2-MUST-FORGET-ENVELOPE", NOT_APPLICABLE, PASS),
            row("RFC3207-4.2-MUST-FORGET-AUTH", NOT_APPLICABLE, NOT_APPLICABLE, "this Postfix has no SASL and the test "
                    + "gives no AUTH account, so the case does not run"),
            row("RFC3207-4.2-MUST-DISCARD-PIPELINED-PLAINTEXT", PASS, PASS),
            row("RFC3207-4.2-INFO-EHLO-LIST-RENEWED", PASS, PASS),
            row("RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS", PASS, PASS),
            row("RFC3207-4.2-MUST-KNOW-TLS-ACTIVE", PASS, PASS),
            row("RFC5321-2.4-INFO-VERBS-CASE-INSENSITIVE", PASS, PASS),
            row("RFC5321-4.1.1.10-MUST-QUIT-221-CLOSE", PASS, PASS),
            row("RFC5321-4.1.4-MUST-503-BAD-SEQUENCE", PASS, PASS),
            row("RFC5321-4.2-INFO-REPLY-GRAMMAR", PASS, PASS),
            row("RFC5321-4.2-MUST-ONE-REPLY-PER-COMMAND", PASS, PASS),
            row("RFC5321-4.2.1-MUST-SAME-CODE-ON-EVERY-LINE", PASS, PASS),
            row("RFC5321-4.5.3.1.5-INFO-REPLY-LINE-LENGTH", PASS, PASS),
            row("RFC5321-4.5.3.1.9-INFO-OVERLONG-COMMAND", PASS, PASS),
            row("RFC2034-4-INFO-ENHANCED-CODE-ON-EVERY-LINE", PASS, PASS),
            row("RFC2920-3.2-MUST-REPLIES-IN-ORDER", PASS, PASS),
            row("RFC4954-4-SHOULDNOT-PLAINTEXT-AUTH-BEFORE-TLS", PASS, PASS),
            row("RFC4954-6-SHOULDNOT-ADVERTISE-PLAINTEXT-MECHANISMS", PASS, PASS),
            row("RFC8996-4-MUSTNOT-TLS10", PASS, PASS),
            row("RFC8996-5-MUSTNOT-TLS11", PASS, PASS),
            row("RFC9325-3.1.1-MUST-TLS12", PASS, PASS),
            row("RFC9325-3.1.1-SHOULD-TLS13", PASS, PASS),
            row("RFC8314-5-MUST-CERT-CHAIN", PASS, NOT_APPLICABLE),
            row("RFC7817-3-MUST-CERT-NAME", PASS, NOT_APPLICABLE),
            row("RFC8314-5-MUST-CERT-VALIDITY", PASS, NOT_APPLICABLE),
            row("RFC9325-4.5-SHOULD-KEY-STRENGTH", PASS, NOT_APPLICABLE),
            row("RFC9325-4.5-SHOULD-SHA256-SIGNATURE", PASS, NOT_APPLICABLE),
            row("RFC9325-4.1-MUSTNOT-NULL-SUITES", PASS, PASS),
            row("RFC7465-2-MUST-REFUSE-RC4", PASS, PASS),
            row("RFC9325-4.1-MUSTNOT-EXPORT-SUITES", PASS, PASS),
            row("RFC9325-4.1-SHOULDNOT-3DES-SUITES", PASS, PASS),
            row("RFC8314-5-INFO-ANON-SUITES", FAIL, FAIL, "Postfix's server enables anonymous suites on purpose, for "
                    + "opportunistic TLS; smtpd_tls_exclude_ciphers = aNULL removes them"),
            row("RFC7435-1-INFO-CERT-PROBLEMS", NOT_APPLICABLE, PASS),
            row("RFC8314-3.3-INFO-HANDSHAKE-FIRST", NOT_APPLICABLE, NOT_APPLICABLE),
            row("RFC8314-3.3-INFO-NO-STARTTLS", NOT_APPLICABLE, NOT_APPLICABLE),
            row("RFC8314-3.3-INFO-NO-PLAINTEXT-SMTP", NOT_APPLICABLE, NOT_APPLICABLE));

    private PostfixVerdicts() {
    }

    private static Map.Entry<String, Expected> row(String id, Verdict requireTls, Verdict offerTls) {
        return row(id, requireTls, offerTls, "");
    }

    private static Map.Entry<String, Expected> row(String id, Verdict requireTls, Verdict offerTls, String note) {
        return Map.entry(id, new Expected(requireTls, offerTls, note));
    }
}
