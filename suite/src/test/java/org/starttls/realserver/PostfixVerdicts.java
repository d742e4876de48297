package org.starttls.realserver;

import static org.starttls.run.Verdict.NOT_APPLICABLE;
import static org.starttls.run.Verdict.PASS;

import java.util.Map;
import org.starttls.catalogue.Profile;
import org.starttls.run.Verdict;

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
            row("RFC3207-4-INFO-STARTTLS-READY", PASS, PASS),
            row("RFC3207-4-INFO-501-PARAMETERS", PASS, PASS),
            row("RFC3207-4-SHOULD-530", PASS, NOT_APPLICABLE),
            row("RFC3207-4-SHOULD-ENHANCED-CODE", PASS, NOT_APPLICABLE),
            row("RFC3207-4-INFO-ALLOWED-BEFORE-TLS", PASS, PASS),
            row("RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS", PASS, PASS),
            row("RFC3207-4.2-MUST-KNOW-TLS-ACTIVE", PASS, PASS),
            row("RFC3207-4.2-MUST-DISCARD-PIPELINED-PLAINTEXT", PASS, PASS));

    private PostfixVerdicts() {
    }

    private static Map.Entry<String, Expected> row(String id, Verdict requireTls, Verdict offerTls) {
        return row(id, requireTls, offerTls, "");
    }

    private static Map.Entry<String, Expected> row(String id, Verdict requireTls, Verdict offerTls, String note) {
        return Map.entry(id, new Expected(requireTls, offerTls, note));
    }
}
