package org.starttls.realserver;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.postfix.PostfixInstallation;
import org.starttls.fixtures.postfix.PostfixListener;
import org.starttls.fixtures.postfix.PrivatePostfix;

/**
 * Starts a {@link PrivatePostfix} under {@code target/postfix} before the test class and stops it after the class,
 * whatever the tests did. Register it in a static field with {@code @RegisterExtension}.
 *
 * <p>Without Postfix (or without root, which Postfix needs to start) the class is skipped with the install command
 * in the message; under CI ({@code CI=true}) that is a failure instead, so a broken install never passes as a skip.
 */
public final class PrivatePostfixExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PrivatePostfixExtension.class);

    private final List<PostfixListener> listeners;
    private PrivatePostfix postfix;

    public PrivatePostfixExtension(PostfixListener... listeners) {
        this.listeners = List.of(listeners);
    }

    /** The running instance; available from the class's {@code @BeforeAll} methods on. */
    public PrivatePostfix postfix() {
        if (postfix == null) {
            throw new IllegalStateException("the private Postfix is not running; register the extension in a static field");
        }
        return postfix;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<PostfixInstallation> installation = PostfixInstallation.find();
        if (installation.isEmpty()) {
            unavailable("Postfix is not installed; install it " + PostfixInstallation.INSTALL_COMMAND);
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            unavailable("a private Postfix starts as root and drops to its postfix user; run the real-server tests as root");
        }
        Path directory = Path.of("target", "postfix", context.getRequiredTestClass().getSimpleName());
        postfix = PrivatePostfix.start(installation.get(), directory, TestPki.create(), listeners);
        // closed after the class's @AfterAll methods, also when a test or they failed
        context.getStore(NS).put(PrivatePostfix.class, (AutoCloseable) () -> {
            postfix.close();
            System.out.printf("[postfix] stopped in %d ms%n", postfix.stopTime().orElseThrow().toMillis());
        });
        System.out.printf("[postfix] Postfix %s started in %d ms with listeners %s (log: %s)%n", postfix.version(),
                postfix.startTime().toMillis(), listeners.stream().map(l -> l.name() + "=" + postfix.target(l.name())).toList(),
                postfix.maillog());
    }

    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and " + why);
        }
        // Surefire counts an aborted class as 0 tests and drops the reason; say it where the developer looks
        System.out.println("[postfix] real-server tests skipped: " + why);
        Assumptions.abort(why);
    }
}
