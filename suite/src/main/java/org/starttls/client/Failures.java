package org.starttls.client;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

/** Turns transport and TLS exceptions into short sentences about what the server did. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable cause) {
        if (cause instanceof NotSslRecordException notTls) {
            return "server sent data that is not TLS: '" + Escaping.bytes(recordBytes(notTls), Escaping.EXCERPT_BYTES) + "'";
        }
        Throwable root = rootCause(cause);
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    static String handshakeFailure(Throwable cause, Duration timeout) {
        if (cause instanceof NotSslRecordException notTls) {
            return "server sent plaintext instead of a TLS ServerHello: '"
                    + Escaping.bytes(recordBytes(notTls), Escaping.EXCERPT_BYTES) + "'";
        }
        if (cause instanceof SslHandshakeTimeoutException) {
            return "no TLS handshake within " + Durations.human(timeout);
        }
        if (cause instanceof ClosedChannelException) {
            return "connection closed during handshake";
        }
        return "TLS handshake failed: " + describe(cause);
    }

    /** NotSslRecordException carries the offending bytes only as a hex dump in its message. */
    private static byte[] recordBytes(NotSslRecordException e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.lastIndexOf(": ");
        try {
            return HexFormat.of().parseHex(colon < 0 ? message : message.substring(colon + 2));
        } catch (IllegalArgumentException notHex) {
            return message.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static Throwable rootCause(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
