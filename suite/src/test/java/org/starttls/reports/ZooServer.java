package org.starttls.reports;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.fixtures.zoo.Variant;

/**
 * Serves one variant of the faulty-server zoo on a free loopback port until the JVM is ended, to try the main command
 * against a server that breaks a rule by hand:
 * <pre>
 * java -cp "$(cat cp.txt):suite/target/test-classes:suite/target/classes" org.starttls.reports.ZooServer \
 *     INSUFFICIENT_SECURITY_NOT_ENFORCED target/zoo-ca.pem
 * mvn verify -Dsmtp.target=127.0.0.1:PORT -Dsmtp.tls.trust=target/zoo-ca.pem
 * </pre>
 * Prints {@code 127.0.0.1:PORT} once the server listens; the CA that signed its certificate goes to the second argument.
 * {@code REFERENCE} instead of a variant serves the correct reference server.
 */
public final class ZooServer {

    private ZooServer() {
    }

    public static void main(String[] args) throws Exception {
        TestPki pki = TestPki.create();
        pki.writeCaPem(Path.of(args[1]));
        try (ReferenceServer server = args[0].equals("REFERENCE")
                ? ReferenceServer.start(ServerOptions.builder(pki.server()).build())
                : Variant.valueOf(args[0]).start(pki.server())) {
            System.out.println(server.target());
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}
