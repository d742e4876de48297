package org.starttls.catalogue;

/** The ids of the TLS-level requirements (issue 8), named once for the catalogue and the Java cases. */
public final class TlsRequirements {

    public static final String TLS10 = "RFC8996-4-MUSTNOT-TLS10";
    public static final String TLS11 = "RFC8996-5-MUSTNOT-TLS11";
    public static final String TLS12 = "RFC9325-3.1.1-MUST-TLS12";
    public static final String TLS13 = "RFC9325-3.1.1-SHOULD-TLS13";
    public static final String CERT_CHAIN = "RFC8314-5-MUST-CERT-CHAIN";
    public static final String CERT_NAME = "RFC7817-3-MUST-CERT-NAME";
    public static final String CERT_VALIDITY = "RFC8314-5-MUST-CERT-VALIDITY";
    public static final String KEY_STRENGTH = "RFC9325-4.5-SHOULD-KEY-STRENGTH";
    public static final String SIGNATURE = "RFC9325-4.5-SHOULD-SHA256-SIGNATURE";
    public static final String NULL_SUITES = "RFC9325-4.1-MUSTNOT-NULL-SUITES";
    public static final String RC4_SUITES = "RFC7465-2-MUST-REFUSE-RC4";
    public static final String EXPORT_SUITES = "RFC9325-4.1-MUSTNOT-EXPORT-SUITES";
    public static final String TRIPLE_DES_SUITES = "RFC9325-4.1-SHOULDNOT-3DES-SUITES";
    public static final String ANON_SUITES = "RFC8314-5-INFO-ANON-SUITES";
    public static final String OPPORTUNISTIC_CERT = "RFC7435-1-INFO-CERT-PROBLEMS";
    public static final String IMPLICIT_HANDSHAKE_FIRST = "RFC8314-3.3-INFO-HANDSHAKE-FIRST";
    public static final String IMPLICIT_NO_STARTTLS = "RFC8314-3.3-INFO-NO-STARTTLS";
    public static final String IMPLICIT_NO_PLAINTEXT = "RFC8314-3.3-INFO-NO-PLAINTEXT-SMTP";

    private TlsRequirements() {
    }
}
