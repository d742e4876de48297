package org.starttls.zoo;

import static org.starttls.zoo.Expectation.bounded;
import static org.starttls.zoo.Expectation.kills;

import java.util.List;
import org.starttls.fixtures.server.ServerOptions.Mode;
import org.starttls.fixtures.zoo.Variant;

/**
 * The expectation table of the mutation self-test: which requirements each faulty-server variant must make FAIL.
 *
 * <p>It lives here, beside the self-test, and not as an annotation on the variants: the fixtures module knows
 * nothing of requirement ids (the catalogue is the suite's), and an exhaustive {@code switch} turns a new variant
 * without an expectation into a compile error. Ids the catalogue does not define are caught at test time.
 */
final class ZooExpectations {

    // RFC 3207
    static final String STARTTLS_ADVERTISED = "RFC3207-3-INFO-STARTTLS-ADVERTISED";
    static final String STARTTLS_NO_PARAMETERS = "RFC3207-3-INFO-STARTTLS-NO-PARAMETERS";
    static final String STARTTLS_READY = "RFC3207-4-INFO-STARTTLS-READY";
    static final String REFUSE_PARAMETERS = "RFC3207-4-INFO-501-PARAMETERS";
    static final String REPLY_530 = "RFC3207-4-SHOULD-530";
    static final String ENHANCED_5_7_0 = "RFC3207-4-SHOULD-ENHANCED-CODE";
    static final String ALLOWED_BEFORE_TLS = "RFC3207-4-INFO-ALLOWED-BEFORE-TLS";
    static final String PUBLIC_MX = "RFC3207-4-MUSTNOT-REQUIRE-TLS-PUBLIC-MX";
    static final String NO_PLAINTEXT_AFTER_220 = "RFC3207-4-INFO-NO-PLAINTEXT-AFTER-220";
    static final String INSUFFICIENT_SECURITY = "RFC3207-4.1-SHOULD-554-INSUFFICIENT-SECURITY";
    static final String NO_GREETING_AFTER_TLS = "RFC3207-4.2-INFO-NO-GREETING-AFTER-TLS";
    static final String EHLO_LIST_RENEWED = "RFC3207-4.2-INFO-EHLO-LIST-RENEWED";
    static final String NO_REOFFER = "RFC3207-4.2-MUSTNOT-REOFFER-STARTTLS";
    static final String KNOW_TLS_ACTIVE = "RFC3207-4.2-MUST-KNOW-TLS-ACTIVE";
    static final String DISCARD_PIPELINED = "RFC3207-4.2-MUST-DISCARD-PIPELINED-PLAINTEXT";
    static final String FORGET_EHLO = "RFC3207-4.2-MUST-FORGET-EHLO";
    static final String FORGET_ENVELOPE = "RFC3207-4.2-MUST-FORGET-ENVELOPE";
    static final String FORGET_AUTH = "RFC3207-4.2-MUST-FORGET-AUTH";
    // RFC 5321, 2034, 2920, 4954
    static final String QUIT_221_CLOSE = "RFC5321-4.1.1.10-MUST-QUIT-221-CLOSE";
    static final String BAD_SEQUENCE = "RFC5321-4.1.4-MUST-503-BAD-SEQUENCE";
    static final String ONE_REPLY_PER_COMMAND = "RFC5321-4.2-MUST-ONE-REPLY-PER-COMMAND";
    static final String REPLY_LINE_LENGTH = "RFC5321-4.5.3.1.5-INFO-REPLY-LINE-LENGTH";
    static final String OVERLONG_COMMAND_500 = "RFC5321-4.5.3.1.9-INFO-OVERLONG-COMMAND";
    static final String REPLY_GRAMMAR = "RFC5321-4.2-INFO-REPLY-GRAMMAR";
    static final String SAME_CODE_EVERY_LINE = "RFC5321-4.2.1-MUST-SAME-CODE-ON-EVERY-LINE";
    static final String ENHANCED_CODE_EVERY_LINE = "RFC2034-4-INFO-ENHANCED-CODE-ON-EVERY-LINE";
    static final String REPLIES_IN_ORDER = "RFC2920-3.2-MUST-REPLIES-IN-ORDER";
    static final String PLAINTEXT_AUTH = "RFC4954-4-SHOULDNOT-PLAINTEXT-AUTH-BEFORE-TLS";
    static final String ADVERTISE_PLAINTEXT_AUTH = "RFC4954-6-SHOULDNOT-ADVERTISE-PLAINTEXT-MECHANISMS";

    /** A variant that is also run in another mode, where its flaw breaks a rule of that profile. */
    record ExtraRun(Variant variant, Mode mode, Expectation expectation) {
    }

    /** Runs beyond each variant's own mode. */
    static List<ExtraRun> extraRuns() {
        // an opportunistic MX must still talk TLS with a bad certificate, and the problem is reported (RFC 7435)
        return List.of(new ExtraRun(Variant.EXPIRED_CERTIFICATE, Mode.OFFER_TLS, kills("RFC7435-1-INFO-CERT-PROBLEMS")));
    }

    private ZooExpectations() {
    }

    static Expectation of(Variant variant) {
        return switch (variant) {
            // ENHANCEDSTATUSCODES is advertised, so the bare 530 also breaks RFC 2034's every-line rule
            case NO_ENHANCED_CODE_ON_530 -> kills(ENHANCED_5_7_0, ENHANCED_CODE_EVERY_LINE);
            case CODE_550_INSTEAD_OF_530, MAIL_ACCEPTED_BEFORE_TLS -> kills(REPLY_530);
            // AUTH is one of the commands that should get 530 before TLS
            case AUTH_ACCEPTED_BEFORE_TLS -> kills(PLAINTEXT_AUTH, REPLY_530);
            // the 501 case proves the session stayed in cleartext with a NOOP
            case NOOP_REFUSED_BEFORE_TLS -> kills(ALLOWED_BEFORE_TLS, REFUSE_PARAMETERS);
            case QUIT_REFUSED_BEFORE_TLS -> kills(ALLOWED_BEFORE_TLS);
            // without EHLO the client never learns that STARTTLS is offered
            case EHLO_REFUSED_BEFORE_TLS -> kills(ALLOWED_BEFORE_TLS, STARTTLS_ADVERTISED);
            // the 503 and pipelining cases send RCPT and MAIL inside TLS, and get the 530
            case TLS_REQUIRED_ON_PUBLIC_MX -> kills(PUBLIC_MX);
            case STILL_530_AFTER_TLS -> kills(KNOW_TLS_ACTIVE, BAD_SEQUENCE, REPLIES_IN_ORDER);
            // the no-parameters case judges the keyword's presence in the same step
            case STARTTLS_NOT_ADVERTISED -> kills(STARTTLS_ADVERTISED);
            case STARTTLS_ADVERTISED_IN_TLS -> kills(NO_REOFFER);
            case STARTTLS_KEYWORD_WITH_PARAMETER -> kills(STARTTLS_NO_PARAMETERS);
            // the same list in both can only be had by listing STARTTLS inside TLS (or nowhere)
            case EHLO_REPLY_FROZEN -> kills(EHLO_LIST_RENEWED, NO_REOFFER);
            case AUTH_ADVERTISED_BEFORE_TLS -> kills(ADVERTISE_PLAINTEXT_AUTH);
            case STARTTLS_PARAMETER_ACCEPTED -> kills(REFUSE_PARAMETERS);
            case SECOND_STARTTLS_ACCEPTED -> kills(KNOW_TLS_ACTIVE);
            case STARTTLS_ANSWERED_250 -> kills(STARTTLS_READY);
            // the stray line is what a client that sent cleartext after the 220 would read as its answer
            case PLAINTEXT_AFTER_STARTTLS_220 -> kills(NO_PLAINTEXT_AFTER_220);
            case CLEARTEXT_ANSWERED_AFTER_STARTTLS_220 -> kills(NO_PLAINTEXT_AFTER_220);
            // two cases judge EHLO inside TLS as their verdict step (no STARTTLS listed; liveness after the quiet)
            case INSUFFICIENT_SECURITY_NOT_ENFORCED -> kills(INSUFFICIENT_SECURITY, NO_REOFFER, NO_GREETING_AFTER_TLS);
            // the unasked 220 is read as the reply to the next command inside TLS, or as an injected command's reply
            case GREETING_AFTER_TLS -> kills(NO_GREETING_AFTER_TLS, NO_REOFFER, STARTTLS_READY, DISCARD_PIPELINED);
            case PIPELINED_PLAINTEXT_EXECUTED -> kills(DISCARD_PIPELINED);
            case EHLO_KEPT_ACROSS_TLS -> kills(FORGET_EHLO);
            case ENVELOPE_KEPT_ACROSS_TLS -> kills(FORGET_ENVELOPE);
            // only a server that accepts AUTH before TLS can carry it across, so it breaks AUTH_ACCEPTED_BEFORE_TLS's rules too
            case AUTH_KEPT_ACROSS_TLS -> kills(FORGET_AUTH, PLAINTEXT_AUTH, REPLY_530);
            case ENHANCED_CODES_MISSING_ON_2XX -> kills(ENHANCED_CODE_EVERY_LINE);
            // a malformed EHLO reply is no answer to EHLO, and lists no STARTTLS
            case MALFORMED_MULTILINE -> kills(SAME_CODE_EVERY_LINE, ALLOWED_BEFORE_TLS, STARTTLS_ADVERTISED);
            case BARE_LF_LINE_ENDINGS -> kills(REPLY_GRAMMAR);
            case REPLIES_OUT_OF_ORDER -> kills(REPLIES_IN_ORDER);
            case LONG_REPLY_LINE -> kills(REPLY_LINE_LENGTH);
            case UNKNOWN_COMMAND_ANSWERED_TWICE -> kills(ONE_REPLY_PER_COMMAND);
            case NESTED_MAIL_ACCEPTED -> kills(BAD_SEQUENCE);
            case OVERLONG_LINE_SPLIT -> kills(OVERLONG_COMMAND_500);
            case QUIT_WITHOUT_CLOSE -> kills(QUIT_221_CLOSE, ALLOWED_BEFORE_TLS);
            case TLS13_REFUSED -> kills("RFC9325-3.1.1-SHOULD-TLS13");
            case TLS12_REFUSED -> kills("RFC9325-3.1.1-MUST-TLS12");
            // the weak path answers only a hello that offers nothing better, so no other TLS check meets it
            case TLS10_ACCEPTED -> kills("RFC8996-4-MUSTNOT-TLS10");
            case TLS11_ACCEPTED -> kills("RFC8996-5-MUSTNOT-TLS11");
            case NULL_SUITE_ACCEPTED -> kills("RFC9325-4.1-MUSTNOT-NULL-SUITES");
            case TRIPLE_DES_SUITE_ACCEPTED -> kills("RFC9325-4.1-SHOULDNOT-3DES-SUITES");
            case ANON_SUITE_ACCEPTED -> kills("RFC8314-5-INFO-ANON-SUITES");
            // a ServerHello selecting the suite is all these checks judge; no JVM cipher could go further
            case RC4_SUITE_ACCEPTED -> kills("RFC7465-2-MUST-REFUSE-RC4");
            case EXPORT_SUITE_ACCEPTED -> kills("RFC9325-4.1-MUSTNOT-EXPORT-SUITES");
            case EXPIRED_CERTIFICATE -> kills("RFC8314-5-MUST-CERT-VALIDITY");
            case WRONG_NAME_CERTIFICATE -> kills("RFC7817-3-MUST-CERT-NAME");
            case SELF_SIGNED_CERTIFICATE -> kills("RFC8314-5-MUST-CERT-CHAIN");
            case WEAK_KEY_CERTIFICATE -> kills("RFC9325-4.5-SHOULD-KEY-STRENGTH");
            case SHA1_SIGNED_CERTIFICATE -> kills("RFC9325-4.5-SHOULD-SHA256-SIGNATURE");
            case STARTTLS_OFFERED_IN_IMPLICIT_TLS -> kills("RFC8314-3.3-INFO-NO-STARTTLS");
            // a plaintext port greets before any handshake and answers plaintext EHLO: both implicit-TLS rules
            case PLAINTEXT_ON_IMPLICIT_PORT -> kills("RFC8314-3.3-INFO-HANDSHAKE-FIRST",
                    "RFC8314-3.3-INFO-NO-PLAINTEXT-SMTP");
            // 454 is a reply RFC 3207 §4 allows (TLS temporarily unavailable): INCONCLUSIVE, and the probe fails the run
            case STARTTLS_ALWAYS_454, NO_GREETING, CLOSE_AFTER_GREETING, DELAYED_REPLIES, FLOOD_WITHOUT_CRLF, ENDLESS_MULTILINE,
                    CLOSE_AFTER_STARTTLS_220, GARBAGE_INSTEAD_OF_TLS -> bounded();
        };
    }
}
