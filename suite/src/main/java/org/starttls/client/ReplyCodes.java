package org.starttls.client;

/** The reply-code grammar of RFC 5321 §4.2: {@code %x32-35 %x30-35 %x30-39}. */
final class ReplyCodes {

    private ReplyCodes() {
    }

    static boolean isValid(int code) {
        return code >= 200 && code <= 599 && code / 10 % 10 <= 5;
    }

    /** The code at the start of {@code line}, or -1 when the first three octets are not a valid code. */
    static int parse(byte[] line) {
        if (line.length < 3) {
            return -1;
        }
        int first = line[0] - '0';
        int second = line[1] - '0';
        int third = line[2] - '0';
        if (first < 2 || first > 5 || second < 0 || second > 5 || third < 0 || third > 9) {
            return -1;
        }
        return first * 100 + second * 10 + third;
    }
}
