package org.starttls.config;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.starttls.clientmode.ClientDriver;
import org.starttls.clientmode.ClientUnderTest;
import org.starttls.summary.Profile;
import org.starttls.summary.Role;

/**
 * The client-mode settings of DESIGN §9: {@code smtp.client.command} (or {@code smtp.client.driver}, an in-JVM
 * {@link ClientDriver} class), {@code smtp.client.profile} and {@code smtp.client.timeout}. Read apart from the server
 * settings so that each refusal can name the mode it belongs to.
 */
final class ClientModeSettings {

    static final String COMMAND = "smtp.client.command";
    static final String DRIVER = "smtp.client.driver";
    static final String PROFILE = "smtp.client.profile";
    static final String TIMEOUT = "smtp.client.timeout";
    /** Long enough for a sending MTA that starts, delivers and stops (the Postfix client takes seconds). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Settings that describe a server under test: in client mode the suite is the server, so they are refused. */
    private static final List<String> SERVER_ONLY = List.of("smtp.target", "smtp.profile", "smtp.tls.trust",
            "smtp.tls.servername", "smtp.tls.strict", "smtp.auth.user", "smtp.auth.password", "smtp.retry.421",
            "smtp.targets.file", "smtp.mx", "smtp.mx.port", "smtp.dns.server", "smtp.shard", "smtp.rate");

    private ClientModeSettings() {
    }

    /** The client under test, or empty for a server run; refuses client settings without a client, and mixed modes. */
    static Optional<ClientUnderTest> read(Map<String, String> props, Function<String, Optional<String>> get) {
        Optional<String> command = get.apply(COMMAND);
        Optional<String> driver = get.apply(DRIVER);
        if (command.isEmpty() && driver.isEmpty()) {
            for (String key : List.of(PROFILE, TIMEOUT)) {
                if (get.apply(key).isPresent()) {
                    throw new ConfigException(key + " is only read in client mode; give the client under test with "
                            + COMMAND + "=\"...\" (or " + DRIVER + "=CLASS), or leave " + key + " out");
                }
            }
            return Optional.empty();
        }
        if (command.isPresent() && driver.isPresent()) {
            throw new ConfigException(COMMAND + " and " + DRIVER + " both name a client under test; give one of them");
        }
        Set<String> serverSettings = new TreeSet<>();
        for (String key : SERVER_ONLY) {
            if (Optional.ofNullable(props.get(key)).filter(v -> !v.isBlank()).isPresent()) {
                serverSettings.add(key);
            }
        }
        if (!serverSettings.isEmpty()) {
            throw new ConfigException(String.join(", ", serverSettings) + " describe" + (serverSettings.size() == 1
                    ? "s" : "") + " a server under test; with " + (command.isPresent() ? COMMAND : DRIVER) + " the suite "
                    + "plays the server itself, so leave " + (serverSettings.size() == 1 ? "it" : "them") + " out (the "
                    + "client's policy is " + PROFILE + ")");
        }
        Profile profile = get.apply(PROFILE).map(ClientModeSettings::profile).orElse(Profile.REQUIRE_TLS);
        Duration timeout = get.apply(TIMEOUT).map(v -> SuiteConfig.parseDuration(TIMEOUT, v)).orElse(DEFAULT_TIMEOUT);
        if (command.isPresent()) {
            return Optional.of(ClientUnderTest.command(command.get(), profile, timeout));
        }
        return Optional.of(ClientUnderTest.driver("driver " + driver.get(), instantiate(driver.get()), profile, timeout));
    }

    private static Profile profile(String value) {
        try {
            return Profile.parse(value, Role.CLIENT);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PROFILE + ": " + e.getMessage());
        }
    }

    private static ClientDriver instantiate(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException(DRIVER + "=" + className + " is not a class on the class path; give the fully "
                    + "qualified name of a class that implements " + ClientDriver.class.getName());
        }
        if (!ClientDriver.class.isAssignableFrom(type)) {
            throw new ConfigException(DRIVER + "=" + className + " does not implement " + ClientDriver.class.getName());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            return (ClientDriver) constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ConfigException(DRIVER + "=" + className + " cannot be created with a public constructor without "
                    + "arguments: " + e);
        }
    }
}
