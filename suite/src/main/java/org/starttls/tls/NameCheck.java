package org.starttls.tls;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a certificate names the server as RFC 6125 §6.4 and RFC 7817 §3 tell a mail client to check: a DNS name
 * against the subjectAltName DNS entries, a wildcard only as the whole left-most label and matching exactly one label,
 * an IP literal only against IP entries; the subject CN is never accepted, only reported when it alone would match.
 */
public final class NameCheck {

    /** @param matched the presented identifier that matched, or the reason none did */
    public record Result(boolean matches, String explanation) {
    }

    private NameCheck() {
    }

    /** Matches when the certificate names any of {@code acceptedNames}; a miss explains each name. */
    public static Result check(List<String> acceptedNames, CertificateFacts certificate) {
        List<String> misses = new ArrayList<>();
        for (String name : acceptedNames) {
            Result result = check(name, certificate);
            if (result.matches()) {
                return result;
            }
            misses.add(result.explanation());
        }
        return new Result(false, String.join("; ", misses));
    }

    private static Result check(String expectedName, CertificateFacts certificate) {
        String expected = normalise(expectedName);
        if (NetUtil.isValidIpV4Address(expected) || NetUtil.isValidIpV6Address(expected)) {
            Optional<String> ip = canonicalIp(expected);
            for (String presented : certificate.ipAddresses()) {
                if (ip.isPresent() && ip.equals(canonicalIp(presented))) {
                    return new Result(true, "IP subjectAltName " + presented + " matches " + expectedName);
                }
            }
            return new Result(false, "no IP subjectAltName matches " + expectedName + " (IP entries: "
                    + certificate.ipAddresses() + ")");
        }
        for (String presented : certificate.dnsNames()) {
            if (dnsMatches(expected, normalise(presented))) {
                return new Result(true, "DNS subjectAltName " + presented + " matches " + expectedName);
            }
        }
        String cnNote = certificate.commonName().filter(cn -> dnsMatches(expected, normalise(cn)))
                .map(cn -> "; only the subject CN " + cn + " matches, which RFC 6125 clients ignore when "
                        + "subjectAltName is present and RFC 7817 does not accept as the identity")
                .orElse("");
        return new Result(false, "no DNS subjectAltName matches " + expectedName + " (DNS entries: "
                + certificate.dnsNames() + ")" + cnNote);
    }

    /** RFC 6125 §6.4.3: {@code *} only as the whole left-most label, standing for exactly one label. */
    static boolean dnsMatches(String reference, String presented) {
        if (!presented.contains("*")) {
            return presented.equals(reference);
        }
        if (!presented.startsWith("*.") || presented.indexOf('*', 1) >= 0) {
            return false;
        }
        String suffix = presented.substring(1);
        // at least two labels after the wildcard: "*.com" would vouch for a whole top-level domain
        if (suffix.chars().filter(c -> c == '.').count() < 2) {
            return false;
        }
        int firstDot = reference.indexOf('.');
        return firstDot > 0 && reference.substring(firstDot).equals(suffix);
    }

    private static String normalise(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static Optional<String> canonicalIp(String literal) {
        try {
            return Optional.of(InetAddress.getByName(literal).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
