package org.starttls.targets;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code smtp.mx}: a comma list of mail domains, each checked and put in canonical (A-label, lower case) form. */
public final class DomainNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final String EXAMPLE = "write a mail domain such as example.org";

    private DomainNames() {
    }

    /**
     * The domains of a comma list, canonical and in the order given. Refuses empty lists, names that are not domains,
     * addresses, {@code host:port} and repeats, each in one sentence that says what to write.
     */
    public static List<String> parseList(String value) {
        List<String> domains = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String domain = parse(part);
            if (!seen.add(domain)) {
                throw new IllegalArgumentException("'" + value.strip() + "' names " + domain + " twice; list each domain once");
            }
            domains.add(domain);
        }
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("'" + value.strip() + "' names no domain; " + EXAMPLE
                    + ", or several separated by commas");
        }
        return List.copyOf(domains);
    }

    /** One domain in canonical form: lower case, IDNs as A-labels, no final dot. */
    public static String parse(String text) {
        String trimmed = text.strip();
        if (Hosts.address(trimmed).isPresent()) {
            throw new IllegalArgumentException("'" + trimmed + "' is an address, not a domain; " + EXAMPLE
                    + ", or list the server as a target (smtp.target or smtp.targets.file)");
        }
        if (trimmed.matches(".*:\\d+")) {
            throw new IllegalArgumentException("'" + trimmed + "' has a port, but MX hosts are tested on port 25; " + EXAMPLE
                    + ", or list host:port as a target (smtp.target or smtp.targets.file)");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed,
                    IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw notADomain(trimmed);
        }
        String canonical = Hosts.canonical(ascii);
        if (canonical.isEmpty() || canonical.length() > 253) {
            throw notADomain(trimmed);
        }
        for (String label : canonical.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw notADomain(trimmed);
            }
        }
        return canonical;
    }

    private static IllegalArgumentException notADomain(String text) {
        return new IllegalArgumentException("'" + text + "' is not a domain name; " + EXAMPLE);
    }
}
