package org.starttls.targets;

import java.util.Optional;

/** Why a target is in the run: listed by the operator, or an address of a domain's mail exchanger. */
public sealed interface Origin permits Origin.Listed, Origin.Mx {

    /** The domain this origin belongs to, for MX origins. */
    Optional<String> forDomain();

    /** One phrase for reports: {@code targets.txt:7}, {@code MX 10 mx1.example.org of example.org}. */
    String describe();

    /**
     * Listed in a targets file or a property.
     *
     * @param source the file name or property ({@code smtp.target})
     * @param line   1-based line in the file; 0 for a property
     */
    record Listed(String source, int line) implements Origin {
        @Override
        public Optional<String> forDomain() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return line > 0 ? source + ":" + line : source;
        }
    }

    /**
     * An address of one of a domain's mail exchangers.
     *
     * @param domain     the domain from {@code smtp.mx}, canonical
     * @param host       the MX host name, canonical; for an implicit MX the domain itself
     * @param preference the MX preference; 0 for an implicit MX
     * @param implicit   true when the domain has no MX record and its own addresses stand in (RFC 5321 §5.1)
     */
    record Mx(String domain, String host, int preference, boolean implicit) implements Origin {
        @Override
        public Optional<String> forDomain() {
            return Optional.of(domain);
        }

        @Override
        public String describe() {
            return implicit ? "implicit MX of " + domain + " (its own address, RFC 5321 §5.1)"
                    : "MX " + preference + " " + host + " of " + domain;
        }
    }
}
