package org.starttls.client;

import java.util.HexFormat;

/** Renders untrusted bytes and text readably for transcripts and messages: {@code \r \n \xHH}. */
public final class Escaping {

    /** How many bytes of offending data a message quotes. */
    static final int EXCERPT_BYTES = 80;

    private Escaping() {
    }

    /** The first {@code limit} bytes escaped, with a note on how many more were left out. */
    static String bytes(byte[] data, int limit) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(limit, data.length);
        for (int i = 0; i < shown; i++) {
            appendEscaped(out, data[i] & 0xff);
        }
        if (data.length > shown) {
            out.append("... (").append(data.length - shown).append(" more bytes)");
        }
        return out.toString();
    }

    /** Control characters in {@code text} escaped; other characters, including non-ASCII, as they are. */
    public static String text(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> {
            if (c < 0x20 || c == 0x7f || c == '\\') {
                appendEscaped(out, c);
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, int c) {
        switch (c) {
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            default -> {
                if (c >= 0x20 && c < 0x7f) {
                    out.append((char) c);
                } else {
                    out.append("\\x").append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
                }
            }
        }
    }
}
