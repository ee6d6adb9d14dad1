package dev.xy.core.kdl;

/** The character classes of the KDL 2.0 grammar, by code point. */
final class KdlCharacters {
    private KdlCharacters() {}

    /** Whitespace that is not a newline (the spec's {@code unicode-space}). */
    static boolean isUnicodeSpace(int c) {
        return c == '\t'
                || c == ' '
                || c == 0x00A0
                || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A)
                || c == 0x202F
                || c == 0x205F
                || c == 0x3000;
    }

    /** A newline code point; CRLF is two of these, and callers fold it into one. */
    static boolean isNewline(int c) {
        return c == '\n' || c == '\r' || c == 0x0085 || c == 0x000B || c == 0x000C || c == 0x2028 || c == 0x2029;
    }

    /** Code points that may not appear literally anywhere in a document (the BOM is handled by the caller). */
    static boolean isDisallowedLiteral(int c) {
        return (c >= 0x0000 && c <= 0x0008)
                || (c >= 0x000E && c <= 0x001F)
                || c == 0x007F
                || (c >= 0xD800 && c <= 0xDFFF)
                || c == 0x200E
                || c == 0x200F
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0xFEFF;
    }

    static boolean isIdentifierChar(int c) {
        return c > 0
                && !isUnicodeSpace(c)
                && !isNewline(c)
                && !isDisallowedLiteral(c)
                && "\\/(){};[]\"#=".indexOf(c) < 0;
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isSign(int c) {
        return c == '+' || c == '-';
    }

    /** True when {@code text} may be written bare, as an identifier string. */
    static boolean isPlainIdentifier(String text) {
        if (text.isEmpty() || isReservedWord(text)) {
            return false;
        }
        int[] cps = text.codePoints().toArray();
        for (int c : cps) {
            if (!isIdentifierChar(c)) {
                return false;
            }
        }
        return !looksLikeNumber(cps, 0);
    }

    /**
     * True when the code points at {@code start} begin a number, or the "almost a number" {@code .5} shape
     * that the spec forbids in identifiers.
     */
    static boolean looksLikeNumber(int[] cps, int start) {
        int i = start;
        int n = cps.length;
        if (i < n && isSign(cps[i])) {
            i++;
        }
        if (i < n && cps[i] == '.') {
            i++;
        }
        return i < n && isDigit(cps[i]);
    }

    /** Words that KDL 1 wrote bare and KDL 2 reserves: they must be quoted or written as keywords. */
    static boolean isReservedWord(String text) {
        return switch (text) {
            case "true", "false", "null", "inf", "-inf", "nan" -> true;
            default -> false;
        };
    }
}
