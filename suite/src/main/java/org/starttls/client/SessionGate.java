package org.starttls.client;

import java.net.InetSocketAddress;

/**
 * Decides when a connection may be opened: the hook through which the run applies its politeness limits
 * ({@code org.starttls.targets.PerIpLimiter}) to every connection of a {@link SmtpClient}, whichever code opens it.
 * {@link SmtpClient} asks before each connection attempt, with the address it is about to connect to, and closes the
 * admission once that connection has ended (or failed to open).
 */
@FunctionalInterface
public interface SessionGate {

    /** Every connection at once: no limits. */
    SessionGate OPEN = (address, target) -> () -> { };

    /**
     * Waits until a connection to {@code address} may be opened.
     *
     * @throws SessionException when it may not be opened in time; the message is the reason, in one sentence
     */
    Admission admit(InetSocketAddress address, Target target) throws SessionException;

    /** A connection's place within the limits; closing it (once or more) frees it. */
    @FunctionalInterface
    interface Admission extends AutoCloseable {
        @Override
        void close();
    }
}
