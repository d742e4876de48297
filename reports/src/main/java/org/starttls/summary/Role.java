package org.starttls.summary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who is under test: a server (the suite plays the client) or a client (the suite plays the server), DESIGN §9. */
public enum Role {
    SERVER, CLIENT;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role parse(String value) {
        for (Role r : values()) {
            if (r.value().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + value + "'; write server or client");
    }
}
