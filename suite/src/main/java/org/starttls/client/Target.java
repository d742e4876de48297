package org.starttls.client;

/**
 * Where the server under test listens. IPv6 literals are written in brackets, as in URLs:
 * {@code [::1]:25}.
 */
public record Target(String host, int port) {

    public Target {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("target host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("target port " + port + " is outside 1..65535");
        }
    }

    /** Parses {@code host:port}, {@code 192.0.2.1:25} or {@code [2001:db8::1]:25}. */
    public static Target parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty target, expected host:port");
        }
        String trimmed = text.strip();
        String host;
        String port;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in target '" + trimmed + "', expected [ipv6]:port");
            }
            host = trimmed.substring(1, close);
            String rest = trimmed.substring(close + 1);
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("missing port in target '" + trimmed + "', expected [ipv6]:port");
            }
            port = rest.substring(1);
        } else {
            int colon = trimmed.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("missing port in target '" + trimmed + "', expected host:port");
            }
            if (trimmed.indexOf(':') != colon) {
                throw new IllegalArgumentException(
                        "IPv6 address in target '" + trimmed + "' must be in brackets, e.g. [::1]:25");
            }
            host = trimmed.substring(0, colon);
            port = trimmed.substring(colon + 1);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("missing host in target '" + trimmed + "', expected host:port");
        }
        return new Target(host, parsePort(port, trimmed));
    }

    private static int parsePort(String port, String target) {
        if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5) {
            throw new IllegalArgumentException("port '" + port + "' in target '" + target + "' is not a number in 1..65535");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("port " + value + " in target '" + target + "' is outside 1..65535");
        }
        return value;
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
