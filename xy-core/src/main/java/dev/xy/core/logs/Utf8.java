package dev.xy.core.logs;

/**
 * Tells whether bytes are well-formed UTF-8 exactly as the JDK's decoder sees it: no overlong forms, no
 * surrogates, nothing past U+10FFFF. Such bytes decode and encode back to themselves, so a line that passes can
 * be kept as the bytes it was read as; one that does not goes through a String, where each bad sequence becomes
 * U+FFFD, as it always has.
 */
final class Utf8 {
    private Utf8() {}

    /** Whether {@code bytes[from..to)} is well-formed UTF-8. */
    static boolean isValid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xFF;
            if (lead < 0xC2) {
                return false; // a continuation byte where a character should start, or an overlong 2-byte form
            }
            if (lead < 0xE0) {
                if (i + 1 >= to || !continuation(bytes[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (lead < 0xF0) {
                if (i + 2 >= to) {
                    return false;
                }
                int second = bytes[i + 1] & 0xFF;
                boolean secondOk = lead == 0xE0
                        ? second >= 0xA0 && second <= 0xBF // not overlong
                        : lead == 0xED ? second >= 0x80 && second <= 0x9F : continuation(bytes[i + 1]); // no surrogate
                if (!secondOk || !continuation(bytes[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (lead <= 0xF4) {
                if (i + 3 >= to) {
                    return false;
                }
                int second = bytes[i + 1] & 0xFF;
                boolean secondOk = lead == 0xF0
                        ? second >= 0x90 && second <= 0xBF // not overlong
                        : lead == 0xF4 ? second >= 0x80 && second <= 0x8F : continuation(bytes[i + 1]); // ≤ U+10FFFF
                if (!secondOk || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
