package org.starttls.tls;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.tls.CipherSuite;

/** Names and classes of TLS cipher suites, from Bouncy Castle's table of IANA numbers. */
public final class CipherSuites {

    private static final Map<Integer, String> NAMES = names();

    /** Modern and legacy suites together, so that a version probe is refused for the version, not for the suites. */
    static final List<Integer> BROAD = List.of(
            CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA);

    private CipherSuites() {
    }

    /** E.g. {@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}, or {@code 0x00FF} for a number without a name. */
    public static String name(int suite) {
        return NAMES.getOrDefault(suite, String.format(Locale.ROOT, "0x%04X", suite));
    }

    /**
     * The key exchange a suite name implies: {@code ECDHE}, {@code DHE}, {@code RSA}, {@code ECDH_anon}...; TLS 1.3
     * suites leave it to the key_share extension, which is always (EC)DHE.
     */
    public static String keyExchange(String suiteName) {
        if (!suiteName.contains("_WITH_")) {
            return suiteName.startsWith("TLS_") ? "(EC)DHE (TLS 1.3 key share)" : "unknown";
        }
        String exchange = suiteName.substring("TLS_".length(), suiteName.indexOf("_WITH_"));
        for (String authentication : List.of("_ECDSA", "_RSA", "_DSS", "_PSK")) {
            if (exchange.endsWith(authentication) && exchange.length() > authentication.length()) {
                return exchange.substring(0, exchange.length() - authentication.length());
            }
        }
        return exchange;
    }

    private static Map<Integer, String> names() {
        Map<Integer, String> names = new HashMap<>();
        for (Field field : CipherSuite.class.getFields()) {
            if (field.getType() == int.class && Modifier.isStatic(field.getModifiers()) && field.getName().startsWith("TLS_")) {
                try {
                    names.putIfAbsent(field.getInt(null), field.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Map.copyOf(names);
    }
}
