package org.starttls.clientmode;

/** What a client case needs besides its own scenario: the client under test and the run's shared PKI and account. */
public record ClientModeContext(ClientUnderTest client, ServerKit kit) {
}
