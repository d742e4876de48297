package org.starttls.realserver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.realservers.RealServer;
import org.starttls.fixtures.realservers.RealServerKind;

/**
 * Starts a private instance of each {@link RealServerKind} that can run here, under
 * {@code target/realservers/NAME/TESTCLASS}, before the test class, and closes every one after the class, whatever the
 * tests did. The instances are started one after another, before any test talks to them: each picks free loopback
 * ports for its listeners, and two starting at once could pick the same one. Register it in a static field with
 * {@code @RegisterExtension}.
 *
 * <p>A kind that cannot run here ({@link RealServerKind#unavailable()}: not installed, not root) is not started;
 * {@link #server} then skips the test that asks for it with the reason, which names the install command, and under CI
 * ({@code CI=true}) fails it instead, so a broken install never passes as a skip. A kind that is installed but fails
 * to start fails its tests everywhere.
 */
final class RealServersExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RealServersExtension.class);

    /** What became of one kind: running, not runnable here (why), or broken while starting. */
    private record Instance(RealServer server, String unavailable, Exception broken) {
    }

    private final List<RealServerKind> kinds;
    private final TestPki pki = TestPki.create();
    private final Map<String, Instance> instances = new LinkedHashMap<>();

    RealServersExtension(List<RealServerKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /**
     * The running instance of {@code kind}. When it cannot run here the calling test is skipped (failed under CI);
     * when it failed to start, the calling test fails with the cause.
     */
    RealServer server(RealServerKind kind) {
        Instance instance = instances.get(kind.name());
        if (instance == null) {
            throw new IllegalStateException(kind.name() + " was not started; register the extension in a static field "
                    + "and ask for its servers from @BeforeAll on");
        }
        if (instance.unavailable() != null) {
            skipOrFail(kind, instance.unavailable());
        }
        if (instance.broken() != null) {
            throw new IllegalStateException(kind.name() + " is installed but did not start: " + instance.broken().getMessage(),
                    instance.broken());
        }
        return instance.server();
    }

    /** The running instance of {@code kind}, or empty when it is not running (either reason). */
    Optional<RealServer> running(RealServerKind kind) {
        return Optional.ofNullable(instances.get(kind.name())).map(Instance::server);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // closed after the class's @AfterAll methods, also when a test or they failed
        context.getStore(NS).put(RealServersExtension.class, (AutoCloseable) this::closeAll);
        for (RealServerKind kind : kinds) {
            Optional<String> unavailable = kind.unavailable();
            if (unavailable.isPresent()) {
                System.out.printf("[%s] not started: %s%n", tag(kind), unavailable.get());
                instances.put(kind.name(), new Instance(null, unavailable.get(), null));
                continue;
            }
            Path directory = Path.of("target", "realservers", tag(kind), context.getRequiredTestClass().getSimpleName())
                    .toAbsolutePath();
            long starting = System.nanoTime();
            try {
                RealServer server = kind.start(directory, pki);
                System.out.printf("[%s] %s %s started in %d ms, listeners %s (files: %s)%n", tag(kind), server.name(),
                        server.version(), millisSince(starting), server.targets(), directory);
                instances.put(kind.name(), new Instance(server, null, null));
            } catch (IOException | RuntimeException e) {
                System.out.printf("[%s] failed to start after %d ms: %s%n", tag(kind), millisSince(starting), e);
                instances.put(kind.name(), new Instance(null, null, e));
            }
        }
    }

    private void closeAll() throws IOException {
        IOException first = null;
        for (Instance instance : instances.values()) {
            if (instance.server() == null) {
                continue;
            }
            long stopping = System.nanoTime();
            try {
                instance.server().close();
                System.out.printf("[%s] stopped in %d ms%n", tag(instance.server().name()), millisSince(stopping));
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void skipOrFail(RealServerKind kind, String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and " + why);
        }
        // Surefire counts an aborted test as skipped and drops the reason; say it where the developer looks
        System.out.printf("[%s] skipped: %s%n", tag(kind), why);
        Assumptions.abort(kind.name() + " cannot run here: " + why);
    }

    private static String tag(RealServerKind kind) {
        return tag(kind.name());
    }

    /** The kind's name as a directory and log tag: {@code smtp-server}, {@code exim}. */
    static String tag(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
