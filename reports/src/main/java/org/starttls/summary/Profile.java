package org.starttls.summary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What the operator says the server under test should do (DESIGN §5), written as in {@code smtp.profile}. */
public enum Profile {
    /** The server mandates STARTTLS before mail commands (submission, internal relays). */
    REQUIRE_TLS("require-tls"),
    /** A publicly referenced MX: offers STARTTLS but must not require it (RFC 3207 §4). */
    OFFER_TLS("offer-tls"),
    /** TLS from the first byte, port 465 (RFC 8314). */
    IMPLICIT_TLS("implicit-tls");

    private final String propertyValue;

    Profile(String propertyValue) {
        this.propertyValue = propertyValue;
    }

    @JsonValue
    public String propertyValue() {
        return propertyValue;
    }

    /** True for the profiles that negotiate TLS with the STARTTLS command. */
    public boolean usesStartTls() {
        return this != IMPLICIT_TLS;
    }

    @JsonCreator
    public static Profile parse(String value) {
        for (Profile p : values()) {
            if (p.propertyValue.equalsIgnoreCase(value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + value + "'; write one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Profile::propertyValue).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return propertyValue;
    }
}
