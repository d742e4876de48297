package org.starttls.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * Which anchors the server's certificate chain is checked against. The check never stops the
 * handshake; its outcome is recorded in {@link TlsFacts#chainProblem()} and judged separately.
 */
public sealed interface TrustConfig {

    /** No chain check at all; certificate requirements become not applicable. */
    record Any() implements TrustConfig {
        @Override
        public String describe() {
            return "trust=any";
        }
    }

    /** The JDK's default trust store. */
    record SystemDefault() implements TrustConfig {
        @Override
        public String describe() {
            return "trust=system";
        }
    }

    /** Explicit anchors, e.g. the test CA of a private deployment; {@code source} says where they came from. */
    record Anchors(List<X509Certificate> certificates, String source) implements TrustConfig {
        public Anchors {
            certificates = List.copyOf(certificates);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no trust anchors in " + source);
            }
        }

        @Override
        public String describe() {
            return "trust=" + source;
        }
    }

    /** How the configuration is shown in transcripts and chain problems, e.g. {@code trust=system}. */
    String describe();

    static TrustConfig any() {
        return new Any();
    }

    static TrustConfig system() {
        return new SystemDefault();
    }

    static TrustConfig anchors(List<X509Certificate> certificates) {
        return new Anchors(certificates, certificates.size() + " configured anchor(s)");
    }

    /** Every CERTIFICATE block of a PEM file, read with Bouncy Castle; other blocks are ignored. */
    static TrustConfig fromPem(Path file) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(file); PEMParser pem = new PEMParser(reader)) {
            for (Object block; (block = pem.readObject()) != null; ) {
                if (block instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException | IllegalStateException e) {
            // Bouncy Castle reports a PEM block whose body is not base64 with an unchecked DecoderException
            throw new IOException("unreadable certificate in " + file + ": " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IOException("no CERTIFICATE block in " + file);
        }
        return new Anchors(certificates, file.toString());
    }

    /** The {@code smtp.tls.trust} setting: {@code any}, {@code system} or the path of a PEM file of CAs. */
    static TrustConfig parse(String setting) {
        String value = setting == null ? "" : setting.strip();
        switch (value.toLowerCase(Locale.ROOT)) {
            case "any":
                return any();
            case "system":
                return system();
            case "":
                throw new IllegalArgumentException("empty trust setting, expected 'system', 'any' or a PEM file");
            default:
                try {
                    return fromPem(Path.of(value));
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read trust anchors from '" + value + "': " + e.getMessage(), e);
                }
        }
    }
}
