package org.starttls.tls;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.tls.ProtocolVersion;

/** The TLS versions the probes can offer, named as the JDK names them in {@code SSLSession.getProtocol()}. */
public enum TlsVersion {
    TLS_1_0("TLSv1", "TLS 1.0", ProtocolVersion.TLSv10),
    TLS_1_1("TLSv1.1", "TLS 1.1", ProtocolVersion.TLSv11),
    TLS_1_2("TLSv1.2", "TLS 1.2", ProtocolVersion.TLSv12),
    TLS_1_3("TLSv1.3", "TLS 1.3", ProtocolVersion.TLSv13);

    private final String jdkName;
    private final String displayName;
    private final ProtocolVersion bc;

    TlsVersion(String jdkName, String displayName, ProtocolVersion bc) {
        this.jdkName = jdkName;
        this.displayName = displayName;
        this.bc = bc;
    }

    public String jdkName() {
        return jdkName;
    }

    ProtocolVersion bc() {
        return bc;
    }

    /** Bouncy Castle's name of a version ({@code TLS 1.0}) as the JDK writes it ({@code TLSv1}); others as they are. */
    public static String jdkName(String name) {
        return Arrays.stream(values()).filter(v -> v.displayName.equals(name)).findFirst().map(TlsVersion::jdkName)
                .orElse(name);
    }

    static Optional<TlsVersion> of(ProtocolVersion version) {
        return Arrays.stream(values()).filter(v -> v.bc.equals(version)).findFirst();
    }

    /** "TLS 1.0" */
    @Override
    public String toString() {
        return displayName;
    }
}
