package org.starttls.summary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the operator says the implementation under test should do (DESIGN §5, §9), written as in {@code smtp.profile}
 * (a server) or {@code smtp.client.profile} (a client). Each profile belongs to the roles it is written for:
 * {@code offer-tls} only describes a server, {@code opportunistic} only a client.
 */
public enum Profile {
    /** A server that mandates STARTTLS before mail commands; a client configured to require STARTTLS. */
    REQUIRE_TLS("require-tls", EnumSet.of(Role.SERVER, Role.CLIENT)),
    /** A publicly referenced MX: offers STARTTLS but must not require it (RFC 3207 §4). */
    OFFER_TLS("offer-tls", EnumSet.of(Role.SERVER)),
    /** A client that uses STARTTLS when the server offers it, and cleartext otherwise (RFC 3207 §6, RFC 7435). */
    OPPORTUNISTIC("opportunistic", EnumSet.of(Role.CLIENT)),
    /** TLS from the first byte, port 465 (RFC 8314), for a server and for a client alike. */
    IMPLICIT_TLS("implicit-tls", EnumSet.of(Role.SERVER, Role.CLIENT));

    private final String propertyValue;
    private final Set<Role> roles;

    Profile(String propertyValue, Set<Role> roles) {
        this.propertyValue = propertyValue;
        this.roles = roles;
    }

    @JsonValue
    public String propertyValue() {
        return propertyValue;
    }

    /** True for the profiles that negotiate TLS with the STARTTLS command. */
    public boolean usesStartTls() {
        return this != IMPLICIT_TLS;
    }

    /** Whether this profile describes an implementation in {@code role}. */
    public boolean describes(Role role) {
        return roles.contains(role);
    }

    /** A server profile, as {@code smtp.profile} and a targets file take it; a client profile is refused. */
    public static Profile parse(String value) {
        return parse(value, Role.SERVER);
    }

    /** A profile of {@code role}; one of the other role is refused with a sentence that names the right ones. */
    public static Profile parse(String value, Role role) {
        Profile profile = any(value);
        if (!profile.describes(role)) {
            throw new IllegalArgumentException("'" + value + "' is a profile for a " + (role == Role.SERVER ? "client"
                    : "server") + ", not for a " + role.value() + " under test; write one of " + names(role));
        }
        return profile;
    }

    /** Any profile, whichever role it describes: summary.json holds both. */
    @JsonCreator
    public static Profile any(String value) {
        for (Profile p : values()) {
            if (p.propertyValue.equalsIgnoreCase(value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + value + "'; write one of " + names(Role.SERVER)
                + " for a server, " + names(Role.CLIENT) + " for a client");
    }

    /** The profiles of {@code role}, in declaration order. */
    public static List<Profile> of(Role role) {
        return Arrays.stream(values()).filter(p -> p.describes(role)).toList();
    }

    /** The server profiles, comma-separated. */
    public static String names() {
        return names(Role.SERVER);
    }

    /** The profiles of {@code role}, comma-separated, e.g. {@code require-tls, opportunistic, implicit-tls}. */
    public static String names(Role role) {
        return Arrays.stream(values()).filter(p -> p.describes(role)).map(Profile::propertyValue)
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return propertyValue;
    }
}
