package org.starttls.clientmode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import org.starttls.fixtures.pki.CertificateSpec;
import org.starttls.fixtures.pki.Credential;
import org.starttls.fixtures.pki.KeyType;
import org.starttls.fixtures.pki.TestPki;

/**
 * What every fake server of one client-mode run shares: a test PKI made for the run (its CA in a PEM file, the only CA a
 * correct client trusts), the name the certificates are for, the account, the envelope, and each certificate a scenario
 * can serve, issued once on first use.
 */
public final class ServerKit implements AutoCloseable {

    /** The name the fake server's good certificate is for: a dotted name (a JDK client sends no SNI for {@code localhost}). */
    public static final String SERVER_NAME = "mail.conformance.test";
    public static final String USER = "client-under-test";
    public static final String FROM = "sender@client.conformance.test";
    public static final String TO = "recipient@" + SERVER_NAME;

    /** The certificate a scenario serves. */
    public enum Certificate {
        /** For {@link #SERVER_NAME}, issued by the run's CA, valid now: what a correct client accepts. */
        GOOD,
        EXPIRED,
        WRONG_NAME,
        SELF_SIGNED,
        /** Issued by a CA of its own that the client was not told to trust. */
        UNTRUSTED_CA,
        /** RSA with a 1024-bit key, otherwise good. */
        WEAK_KEY;

        /** Whether a client that checks the certificate as RFC 8314 and RFC 7817 say may go on with it. */
        public boolean acceptable() {
            return this == GOOD;
        }
    }

    private final TestPki pki = TestPki.create();
    private final Path directory;
    private final Path caFile;
    private final String password;
    private final Map<Certificate, Credential> credentials = new EnumMap<>(Certificate.class);

    private ServerKit(Path directory) throws IOException {
        this.directory = directory;
        this.caFile = directory.resolve("ca.pem");
        pki.writeCaPem(caFile);
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.password = "pw-" + HexFormat.of().formatHex(random);
    }

    /** A new PKI and account, the CA written to a fresh temporary directory (removed by {@link #close()}). */
    public static ServerKit create() {
        try {
            return new ServerKit(Files.createTempDirectory("smtp-client-mode-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the client mode's test CA: " + e.getMessage(), e);
        }
    }

    /** {@code SMTP_TEST_CA}: the PEM file of the run's CA. */
    public Path caFile() {
        return caFile;
    }

    /** {@code SMTP_TEST_PASSWORD}: made for the run; never written to a transcript. */
    public String password() {
        return password;
    }

    /** The credential that {@code certificate} stands for, made on first use. */
    public synchronized Credential credential(Certificate certificate) {
        return credentials.computeIfAbsent(certificate, c -> switch (c) {
            case GOOD -> pki.issue(CertificateSpec.named(SERVER_NAME));
            case EXPIRED -> pki.issue(CertificateSpec.named(SERVER_NAME).expired());
            case WRONG_NAME -> pki.issue(CertificateSpec.named("wrong.example"));
            case SELF_SIGNED -> pki.issue(CertificateSpec.named(SERVER_NAME).selfSigned());
            case UNTRUSTED_CA -> TestPki.create().issue(CertificateSpec.named(SERVER_NAME));
            case WEAK_KEY -> pki.issue(CertificateSpec.named(SERVER_NAME).keyType(KeyType.rsa(1024)));
        });
    }

    /** Removes the CA file and its directory. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(caFile);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // a temporary file left behind: nothing a run can do about it
        }
    }
}
