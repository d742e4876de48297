package org.starttls.clientmode;

import java.time.Duration;
import java.util.Objects;
import org.starttls.fixtures.realclients.Launch;
import org.starttls.summary.Profile;
import org.starttls.summary.Role;

/**
 * The client under test of a client-mode run: how to run it once per case, the policy it declares, and how long one run
 * may take before its process tree is ended (or its driver interrupted).
 *
 * @param name    what the reports call it: the command line, or {@code driver CLASS}
 * @param launch  a command for {@code sh -c} or an in-JVM driver
 * @param profile {@code require-tls}, {@code opportunistic} or {@code implicit-tls}
 */
public record ClientUnderTest(String name, Launch launch, Profile profile, Duration timeout) {

    public ClientUnderTest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(launch, "launch");
        if (!profile.describes(Role.CLIENT)) {
            throw new IllegalArgumentException(profile + " is not a client profile; write one of " + Profile.names(Role.CLIENT));
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a client run needs a positive time bound, not " + timeout);
        }
    }

    /** The client run as {@code sh -c command}, named by its command. */
    public static ClientUnderTest command(String command, Profile profile, Duration timeout) {
        return new ClientUnderTest(command, new Launch.Command(command), profile, timeout);
    }

    /** An in-JVM driver under the name the reports show. */
    public static ClientUnderTest driver(String name, Launch.Driver driver, Profile profile, Duration timeout) {
        return new ClientUnderTest(name, driver, profile, timeout);
    }
}
