package org.starttls.clientmode;

import static org.starttls.summary.Profile.IMPLICIT_TLS;
import static org.starttls.summary.Profile.OPPORTUNISTIC;
import static org.starttls.summary.Profile.REQUIRE_TLS;
import static org.starttls.summary.Verdict.FAIL;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.starttls.summary.Profile;
import org.starttls.summary.Verdict;

/**
 * The verdicts the real clients get where they are not PASS (nor NOT_APPLICABLE by profile), per client and profile,
 * each with the reason the README's client matrix gives. Observed with the clients of Debian 12 and npm (see
 * {@code .ci/install.d/clients.sh}); every FAIL is proven by the transcript line its detail quotes.
 */
final class RealClientVerdicts {

    /** One expected finding: a requirement, under a profile, and why. */
    record Finding(String client, Profile profile, String requirement, Verdict verdict, String why) {
    }

    private static final String WEAK_KEY = "RFC9325-4.5-INFO-REFUSE-WEAK-KEY";
    private static final String PLAIN = "RFC4616-5-SHOULDNOT-PLAIN-WITHOUT-TLS";
    private static final String TLS10 = "RFC8996-4-MUSTNOT-CLIENT-TLS10";
    private static final String TLS11 = "RFC8996-5-MUSTNOT-CLIENT-TLS11";

    static final List<Finding> FINDINGS = List.of(
            new Finding("swaks", REQUIRE_TLS, "RFC3207-4.2-MUST-DISCARD-INJECTED-REPLIES", FAIL, "swaks 20201014 reads the "
                    + "lines injected after the 220 as the reply to its EHLO inside TLS and sends AUTH PLAIN before the real "
                    + "reply arrives (its own output shows them with the TLS marker <~)"),
            new Finding("swaks", OPPORTUNISTIC, "RFC3207-4.2-MUST-DISCARD-INJECTED-REPLIES", FAIL, "the same read buffer"),
            new Finding("swaks", REQUIRE_TLS, "RFC7817-3-MUST-CHECK-SERVER-IDENTITY", FAIL, "--tls-verify checks the chain, "
                    + "not the name, before swaks 20240103 (--tls-verify-host): AUTH goes to a certificate for wrong.example"),
            new Finding("swaks", IMPLICIT_TLS, "RFC7817-3-MUST-CHECK-SERVER-IDENTITY", FAIL, "the same, on port 465"),
            new Finding("swaks", REQUIRE_TLS, "RFC3207-4.1-SHOULD-QUIT-AFTER-BAD-TLS", FAIL, "it goes on with EHLO inside "
                    + "TLS with the wrong name"),
            new Finding("swaks", OPPORTUNISTIC, PLAIN, FAIL, "--tls-optional-strict sends AUTH LOGIN in cleartext when "
                    + "STARTTLS is not offered (--auth asks for AUTH whatever the transport)"),
            new Finding("curl", OPPORTUNISTIC, PLAIN, FAIL, "--ssl (try STARTTLS) authenticates in cleartext when STARTTLS "
                    + "is missing, refused with 454 or 502; curl documents --ssl-reqd for that"),
            new Finding("nodemailer", OPPORTUNISTIC, PLAIN, FAIL, "its default (no requireTLS) sends AUTH PLAIN in "
                    + "cleartext when STARTTLS is not advertised"),
            new Finding("Jakarta Mail", OPPORTUNISTIC, PLAIN, FAIL, "starttls.enable without starttls.required sends AUTH "
                    + "LOGIN in cleartext when STARTTLS is not advertised"),
            new Finding("msmtp", REQUIRE_TLS, TLS10, FAIL, "GnuTLS's default priority still lets msmtp finish a TLS 1.0 "
                    + "handshake"),
            new Finding("msmtp", REQUIRE_TLS, TLS11, FAIL, "and a TLS 1.1 one"),
            new Finding("msmtp", IMPLICIT_TLS, TLS10, FAIL, "the same on port 465"),
            new Finding("msmtp", IMPLICIT_TLS, TLS11, FAIL, "the same on port 465"),
            new Finding("msmtp", REQUIRE_TLS, WEAK_KEY, FAIL, "GnuTLS accepts a 1024-bit RSA key"),
            new Finding("msmtp", IMPLICIT_TLS, WEAK_KEY, FAIL, "GnuTLS accepts a 1024-bit RSA key"),
            new Finding("nodemailer", REQUIRE_TLS, WEAK_KEY, FAIL, "Node.js accepts a 1024-bit RSA key"),
            new Finding("nodemailer", IMPLICIT_TLS, WEAK_KEY, FAIL, "Node.js accepts a 1024-bit RSA key"),
            new Finding("Jakarta Mail", REQUIRE_TLS, WEAK_KEY, FAIL, "the JDK refuses RSA keys below 1024 bits only"),
            new Finding("Jakarta Mail", IMPLICIT_TLS, WEAK_KEY, FAIL, "the JDK refuses RSA keys below 1024 bits only"),
            new Finding("Postfix", REQUIRE_TLS, WEAK_KEY, FAIL, "Postfix's TLS client accepts a 1024-bit RSA key"),
            new Finding("Postfix", IMPLICIT_TLS, WEAK_KEY, FAIL, "Postfix's TLS client accepts a 1024-bit RSA key"));

    private RealClientVerdicts() {
    }

    /** The non-PASS verdicts expected of {@code client} under {@code profile}, by requirement id. */
    static Map<String, Verdict> expected(String client, Profile profile) {
        return FINDINGS.stream().filter(f -> f.client().equals(client) && f.profile() == profile)
                .collect(Collectors.toMap(Finding::requirement, Finding::verdict));
    }
}
