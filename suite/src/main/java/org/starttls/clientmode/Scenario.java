package org.starttls.clientmode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.starttls.clientmode.ServerKit.Certificate;
import org.starttls.fixtures.server.Reply;
import org.starttls.fixtures.zoo.OldTls;
import org.starttls.summary.Profile;

/**
 * What the fake server plays in one client case: a correct server, or one that a man in the middle or a broken server
 * turned into a test of the client. A client requirement's file names the scenarios its check is judged under
 * ({@code @check NoTransactionWithoutTrustedTls STARTTLS_NOT_ADVERTISED STARTTLS_454 ...}). Scenarios that take TLS
 * away also open the cleartext door: they offer AUTH and accept mail in cleartext, as an attacker would, so that a
 * client that walks through it is on record.
 */
public enum Scenario {

    REFERENCE(Transport.EITHER, "a correct server: STARTTLS advertised and working, AUTH PLAIN LOGIN offered inside TLS "
            + "only, a valid certificate for " + ServerKit.SERVER_NAME, p -> p),

    // STARTTLS taken away (RFC 3207 §6: a man in the middle deletes or answers it)
    STARTTLS_NOT_ADVERTISED(Transport.STARTTLS, "EHLO lists no STARTTLS (as after a man in the middle deleted it); "
            + "STARTTLS gets 502; AUTH PLAIN LOGIN offered and mail accepted in cleartext",
            p -> p.open().startTlsAdvertised(false).startTlsRefusal(Reply.of(502, "5.5.1", "Command not implemented"))),
    STARTTLS_454(Transport.STARTTLS, "STARTTLS advertised, answered 454 4.7.0 TLS not available due to temporary "
            + "reason; AUTH PLAIN LOGIN offered and mail accepted in cleartext",
            p -> p.open().startTlsRefusal(Reply.of(454, "4.7.0", "TLS not available due to temporary reason"))),
    STARTTLS_502(Transport.STARTTLS, "STARTTLS advertised, answered 502 5.5.1 Command not implemented; AUTH PLAIN "
            + "LOGIN offered and mail accepted in cleartext",
            p -> p.open().startTlsRefusal(Reply.of(502, "5.5.1", "Command not implemented"))),
    STARTTLS_530(Transport.STARTTLS, "STARTTLS advertised, answered 530 5.7.0 Must issue a STARTTLS command first; "
            + "AUTH PLAIN LOGIN offered and mail accepted in cleartext",
            p -> p.open().startTlsRefusal(Reply.of(530, "5.7.0", "Must issue a STARTTLS command first"))),
    STARTTLS_220_NO_HANDSHAKE(Transport.STARTTLS, "STARTTLS advertised and answered 220 2.0.0 Go ahead, but the "
            + "server has no TLS: a ClientHello gets 500 5.5.2 in cleartext and the session stays in cleartext, with "
            + "AUTH PLAIN LOGIN offered and mail accepted", p -> p.open().readyWithoutTls()),
    EHLO_REFUSED(Transport.STARTTLS, "EHLO answered 502 5.5.1 (so no STARTTLS can be seen), HELO accepted, STARTTLS "
            + "gets 502, mail accepted in cleartext",
            p -> p.open().ehloRefused().startTlsAdvertised(false).startTlsRefusal(Reply.of(502, "5.5.1",
                    "Command not implemented"))),
    MAIL_530(Transport.STARTTLS, "a server that requires TLS but does not advertise STARTTLS (the command works): MAIL "
            + "in cleartext gets 530 5.7.0 Must issue a STARTTLS command first, no AUTH in cleartext",
            p -> p.startTlsAdvertised(false)),

    // What the client must forget at the handshake (RFC 3207 §4.2)
    CAPABILITIES_CHANGE(Transport.STARTTLS, "EHLO before TLS lists SIZE, 8BITMIME, STARTTLS and AUTH PLAIN; EHLO "
            + "inside TLS lists only AUTH LOGIN and ENHANCEDSTATUSCODES",
            p -> p.extensions(List.of("SIZE 10240000", "8BITMIME", "STARTTLS", "AUTH PLAIN"),
                    List.of("AUTH LOGIN", "ENHANCEDSTATUSCODES"))),
    RESPONSE_INJECTION(Transport.STARTTLS, "the 220 to STARTTLS is followed in the same write, before the handshake, by "
            + "injected reply lines '250-" + ServerKit.SERVER_NAME + " injected' and '250 AUTH PLAIN'; EHLO inside TLS "
            + "lists only AUTH LOGIN and ENHANCEDSTATUSCODES (no PIPELINING), and the first reply inside TLS is held "
            + "for 500 ms, so a command that does not wait for it shows",
            p -> p.extensions(List.of("SIZE 10240000", "8BITMIME", "STARTTLS"), List.of("AUTH LOGIN",
                            "ENHANCEDSTATUSCODES"))
                    .inject("250-" + ServerKit.SERVER_NAME + " injected\r\n250 AUTH PLAIN\r\n")
                    .holdFirstTlsReply(Duration.ofMillis(500))),
    /**
     * Not a requirement's scenario but the control run of the two above: what the client sends when AUTH PLAIN, SIZE and
     * 8BITMIME are offered nowhere. A client set to use one of them whatever the server offers (msmtp --auth=plain,
     * Jakarta Mail's mail.smtp.auth.mechanisms) sends it here too, so its use there proves nothing.
     */
    CAPABILITIES_CONTROL(Transport.STARTTLS, "EHLO before TLS lists only STARTTLS; EHLO inside TLS lists only AUTH LOGIN "
            + "and ENHANCEDSTATUSCODES: AUTH PLAIN, SIZE and 8BITMIME are offered nowhere",
            p -> p.extensions(List.of("STARTTLS"), List.of("AUTH LOGIN", "ENHANCEDSTATUSCODES"))),
    STARTTLS_REOFFERED(Transport.STARTTLS, "EHLO inside TLS lists STARTTLS again (a second STARTTLS gets 503)",
            p -> p.startTlsReoffered()),

    // The certificate (RFC 8314 §5, RFC 7817 §3, RFC 9325 §4.5)
    EXPIRED_CERTIFICATE(Transport.EITHER, "the certificate for " + ServerKit.SERVER_NAME + ", issued by the trusted CA, "
            + "expired yesterday", p -> p.certificate(Certificate.EXPIRED)),
    WRONG_NAME_CERTIFICATE(Transport.EITHER, "the certificate, issued by the trusted CA, names only wrong.example",
            p -> p.certificate(Certificate.WRONG_NAME)),
    SELF_SIGNED_CERTIFICATE(Transport.EITHER, "the certificate for " + ServerKit.SERVER_NAME + " is self-signed",
            p -> p.certificate(Certificate.SELF_SIGNED)),
    UNTRUSTED_CA_CERTIFICATE(Transport.EITHER, "the certificate for " + ServerKit.SERVER_NAME + " is issued by a CA the "
            + "client was not given", p -> p.certificate(Certificate.UNTRUSTED_CA)),
    WEAK_KEY_CERTIFICATE(Transport.EITHER, "the certificate for " + ServerKit.SERVER_NAME + ", issued by the trusted CA, "
            + "has an RSA key of 1024 bits", p -> p.certificate(Certificate.WEAK_KEY)),

    // Retired protocol versions (RFC 8996)
    TLS10_ONLY(Transport.EITHER, "the server's TLS speaks only TLS 1.0 (whatever the ClientHello offers), then ends the "
            + "session after the handshake", p -> p.oldTls(OldTls.Version.TLS_1_0)),
    TLS11_ONLY(Transport.EITHER, "the server's TLS speaks only TLS 1.1 (whatever the ClientHello offers), then ends the "
            + "session after the handshake", p -> p.oldTls(OldTls.Version.TLS_1_1)),

    // Implicit TLS (RFC 8314 §3.3)
    PLAINTEXT_ON_IMPLICIT_PORT(Transport.IMPLICIT, "the implicit-TLS port speaks plaintext SMTP: a greeting at connect, "
            + "no TLS, AUTH PLAIN LOGIN offered and mail accepted in cleartext",
            p -> p.open().startTlsAdvertised(false).plaintextPort());

    /** Where a scenario can be played: on a STARTTLS port, on an implicit-TLS port, or on either. */
    public enum Transport {
        STARTTLS, IMPLICIT, EITHER;

        boolean fits(Profile profile) {
            return this == EITHER || (this == IMPLICIT) == (profile == Profile.IMPLICIT_TLS);
        }
    }

    private final Transport transport;
    private final String description;
    private final Play play;

    Scenario(Transport transport, String description, UnaryOperator<Play> play) {
        this.transport = transport;
        this.description = description;
        this.play = play.apply(new Play());
    }

    /** What the server plays, in one sentence: the report's "server played". */
    public String description() {
        return description;
    }

    /** Whether the scenario can be played to a client of {@code profile}. */
    public boolean fits(Profile profile) {
        return transport.fits(profile);
    }

    /** How the server behaves. */
    Play play() {
        return play;
    }

    /** Whether the TLS this scenario offers is one a correct client may use for mail. */
    public boolean tlsAcceptable() {
        return play.certificate.acceptable() && play.oldTls.isEmpty() && !play.readyWithoutTls && !play.plaintextPort;
    }

    /** Whether the scenario's point is in the TLS handshake: a certificate or a protocol version a client must refuse. */
    public boolean judgedAtHandshake() {
        return !play.certificate.acceptable() || play.oldTls.isPresent();
    }

    /** Whether the scenario speaks plaintext where an implicit-TLS port was promised. */
    public boolean plaintextPort() {
        return play.plaintextPort;
    }

    /** The scenario named {@code name} ({@code -} for {@code _}, any case); the message lists the names. */
    public static Scenario byName(String name) {
        String wanted = name.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (Scenario s : values()) {
            if (s.name().equals(wanted)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no scenario named " + name + "; the fake server plays "
                + java.util.Arrays.toString(values()));
    }

    /**
     * The knobs of the fake server, set once when the scenario is made and only read after. The default is the
     * reference: STARTTLS advertised and working, AUTH only inside TLS, a good certificate.
     */
    static final class Play {
        /** AUTH PLAIN LOGIN advertised and carried out, and mail accepted, in cleartext. */
        boolean cleartextOpen;
        boolean startTlsAdvertised = true;
        boolean startTlsReoffered;
        /** The reply to STARTTLS instead of 220, if any. */
        Optional<Reply> startTlsRefusal = Optional.empty();
        /** STARTTLS gets 220, but no TLS follows. */
        boolean readyWithoutTls;
        boolean ehloRefused;
        /** The EHLO keywords before TLS and inside it, replacing the reference's; empty: the reference's. */
        Optional<List<String>> clearExtensions = Optional.empty();
        Optional<List<String>> tlsExtensions = Optional.empty();
        /** Reply lines written after the 220 to STARTTLS, in the same write. */
        Optional<String> inject = Optional.empty();
        Duration holdFirstTlsReply = Duration.ZERO;
        Certificate certificate = Certificate.GOOD;
        Optional<OldTls.Version> oldTls = Optional.empty();
        /** A plaintext port where an implicit-TLS one was promised. */
        boolean plaintextPort;

        Play open() {
            cleartextOpen = true;
            return this;
        }

        Play startTlsAdvertised(boolean advertised) {
            startTlsAdvertised = advertised;
            return this;
        }

        Play startTlsReoffered() {
            startTlsReoffered = true;
            return this;
        }

        Play startTlsRefusal(Reply refusal) {
            startTlsRefusal = Optional.of(refusal);
            return this;
        }

        Play readyWithoutTls() {
            readyWithoutTls = true;
            return this;
        }

        Play ehloRefused() {
            ehloRefused = true;
            return this;
        }

        Play extensions(List<String> clear, List<String> inTls) {
            clearExtensions = Optional.of(List.copyOf(clear));
            tlsExtensions = Optional.of(List.copyOf(inTls));
            return this;
        }

        Play inject(String lines) {
            inject = Optional.of(lines);
            return this;
        }

        Play holdFirstTlsReply(Duration hold) {
            holdFirstTlsReply = hold;
            return this;
        }

        Play certificate(Certificate served) {
            certificate = served;
            return this;
        }

        Play oldTls(OldTls.Version version) {
            oldTls = Optional.of(version);
            return this;
        }

        Play plaintextPort() {
            plaintextPort = true;
            return this;
        }
    }
}
