package org.starttls.clientmode;

import org.starttls.fixtures.realclients.Launch;

/**
 * A Java SMTP client driven inside the suite's JVM instead of by a command line (DESIGN §9): {@link #send} sends one
 * message as the {@code SMTP_TEST_*} entries of its argument say (host, port, CA file, server name, account, envelope,
 * declared policy) and returns 0 when it believes the message was sent, anything else when it gave up; a thrown
 * exception counts as 1, its stack trace as the client's stderr. It runs on a thread of its own and is interrupted when
 * it exceeds {@code smtp.client.timeout}. Name an implementation with a public no-argument constructor in
 * {@code smtp.client.driver}.
 */
@FunctionalInterface
public interface ClientDriver extends Launch.Driver {
}
