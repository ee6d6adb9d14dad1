package dev.xy.core.kdl;

import static dev.xy.core.kdl.KdlCharacters.isNewline;
import static dev.xy.core.kdl.KdlCharacters.isUnicodeSpace;

/** Reads quoted, raw and multi-line strings: escapes, whitespace escapes, raw delimiters and dedent. */
final class KdlStrings {
    private static final String VALID_ESCAPES = "valid escapes are \\n \\r \\t \\\\ \\\" \\b \\f \\s \\u{...}";

    private KdlStrings() {}

    /** Reads a string that starts with {@code "} at the cursor. */
    static String quoted(KdlCursor in) throws KdlParseException {
        if (in.startsWith("\"\"\"")) {
            return multiLine(in, -1);
        }
        int open = in.pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            int c = in.peek();
            if (c == -1) {
                throw in.fatal(open, "unterminated string", "close it with \"");
            } else if (c == '"') {
                in.pos++;
                return value.toString();
            } else if (isNewline(c)) {
                resumeAtTrailingBrace(in, open);
                throw in.error(
                        open,
                        "unterminated string: a quoted string must close on the line where it opens",
                        "close it with \", or use \\n or a \"\"\" string for several lines");
            } else if (c == '\\') {
                escape(in, value);
            } else {
                value.appendCodePoint(c);
                in.pos++;
            }
        }
    }

    /**
     * A quoted string that breaks off on a line ending in {@code {} most likely lost its closing quote before
     * that brace, so recovery resumes at the brace and reads the block instead of tripping over its end.
     */
    private static void resumeAtTrailingBrace(KdlCursor in, int open) {
        int last = in.pos - 1;
        while (last > open && isUnicodeSpace(in.source.at(last))) {
            last--;
        }
        if (last > open && in.source.at(last) == '{') {
            in.pos = last;
        }
    }

    /** Reads the escape at a backslash; after a bad one, moves past the string so recovery resumes after it. */
    private static void escape(KdlCursor in, StringBuilder value) throws KdlParseException {
        if (skipWhitespaceEscape(in)) {
            return;
        }
        try {
            in.pos = decodeEscape(in.source.codePoints(), in.pos, value, in, in.pos);
        } catch (KdlParseException e) {
            KdlSkipper.restOfQuoted(in);
            throw e;
        }
    }

    /** Reads a raw string that starts with one or more {@code #} at the cursor, up to its matching close. */
    static String raw(KdlCursor in) throws KdlParseException {
        int open = in.pos;
        int hashes = 0;
        while (in.peek() == '#') {
            hashes++;
            in.pos++;
        }
        if (in.startsWith("\"\"\"")) {
            return multiLine(in, hashes);
        }
        in.pos++; // the opening quote, checked by the caller
        String close = "\"" + "#".repeat(hashes);
        StringBuilder value = new StringBuilder();
        while (!in.startsWith(close)) {
            int c = in.peek();
            if (c == -1) {
                throw in.fatal(open, "unterminated raw string", "close it with " + close);
            }
            if (isNewline(c)) {
                throw in.error(
                        in.pos, "a raw string ends on its own line", "use a multi-line raw string #\"\"\"...\"\"\"#");
            }
            value.appendCodePoint(c);
            in.pos++;
        }
        in.pos += close.length();
        return value.toString();
    }

    /**
     * Reads a {@code """} string; {@code hashes} is -1 for an escaped one, else the raw delimiter count. Whitespace
     * escapes are resolved first, then the dedent, then the other escapes, as the spec orders it.
     */
    private static String multiLine(KdlCursor in, int hashes) throws KdlParseException {
        boolean raw = hashes >= 0;
        int open = in.pos;
        in.pos += 3;
        if (!in.consumeNewline()) {
            int at = in.pos;
            in.pos = open; // so that recovery steps over the whole string, which may still span lines
            throw in.error(
                    at,
                    "a \"\"\" string must start a new line right after its opening quotes",
                    "for one line, use a plain \"string\"");
        }
        String close = "\"\"\"" + "#".repeat(Math.max(hashes, 0));
        StringBuilder body = new StringBuilder();
        while (!in.startsWith(close)) {
            int c = in.peek();
            if (c == -1) {
                throw in.fatal(open, "unterminated multi-line string", "close it with " + close + " on its own line");
            }
            if (in.consumeNewline()) {
                body.append('\n');
            } else if (!raw && c == '\\') {
                if (!skipWhitespaceEscape(in)) {
                    // Kept as written: other escapes are decoded after the dedent.
                    body.appendCodePoint(c);
                    body.appendCodePoint(in.peek(1) == -1 ? ' ' : in.peek(1));
                    in.pos += 2;
                }
            } else {
                body.appendCodePoint(c);
                in.pos++;
            }
        }
        in.pos += close.length();
        String dedented = dedent(body.toString(), in, open);
        return raw ? dedented : decodeEscapes(dedented, in, open);
    }

    private static String dedent(String body, KdlCursor in, int open) throws KdlParseException {
        int lastBreak = body.lastIndexOf('\n');
        String prefix = body.substring(lastBreak + 1);
        if (!isAllSpace(prefix)) {
            throw in.error(
                    open, "the closing \"\"\" of a multi-line string must be on its own line, after only whitespace");
        }
        if (lastBreak < 0) {
            return "";
        }
        String[] lines = body.substring(0, lastBreak).split("\n", -1);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i > 0) {
                value.append('\n');
            }
            if (isAllSpace(line)) {
                continue;
            }
            if (!line.startsWith(prefix)) {
                throw in.error(
                        open,
                        "line " + (i + 1)
                                + " of this multi-line string does not start with the closing line's indentation",
                        "indent every line at least as far as the closing \"\"\", using the same characters");
            }
            value.append(line, prefix.length(), line.length());
        }
        return value.toString();
    }

    private static boolean isAllSpace(String text) {
        return text.codePoints().allMatch(KdlCharacters::isUnicodeSpace);
    }

    /** At a {@code \}: when whitespace follows, skips the backslash and all following whitespace and newlines. */
    private static boolean skipWhitespaceEscape(KdlCursor in) {
        int next = in.peek(1);
        if (!isUnicodeSpace(next) && !isNewline(next)) {
            return false;
        }
        in.pos++;
        while (true) {
            if (isUnicodeSpace(in.peek())) {
                in.pos++;
            } else if (!in.consumeNewline()) {
                return true;
            }
        }
    }

    private static String decodeEscapes(String text, KdlCursor in, int errorOffset) throws KdlParseException {
        int[] cps = text.codePoints().toArray();
        StringBuilder value = new StringBuilder();
        int i = 0;
        while (i < cps.length) {
            if (cps[i] == '\\') {
                i = decodeEscape(cps, i, value, in, errorOffset);
            } else {
                value.appendCodePoint(cps[i++]);
            }
        }
        return value.toString();
    }

    /**
     * Decodes the escape at {@code cps[i]} (a backslash) into {@code out} and returns the index after it. Errors
     * are reported at {@code errorOffset} in the document, or at the escape itself when reading the document.
     */
    private static int decodeEscape(int[] cps, int i, StringBuilder out, KdlCursor in, int errorOffset)
            throws KdlParseException {
        int kind = i + 1 < cps.length ? cps[i + 1] : -1;
        char decoded =
                switch (kind) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case '\\' -> '\\';
                    case '"' -> '"';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 's' -> ' ';
                    case 'u' -> 'u';
                    default -> throw in.error(
                            errorOffset,
                            kind == -1 ? "unterminated escape" : "invalid escape `\\" + Character.toString(kind) + "`",
                            VALID_ESCAPES);
                };
        if (decoded != 'u') {
            out.append(decoded);
            return i + 2;
        }
        int j = i + 2;
        if (j >= cps.length || cps[j] != '{') {
            throw in.error(errorOffset, "a unicode escape is written \\u{1F600}", VALID_ESCAPES);
        }
        int digitsStart = ++j;
        while (j < cps.length && Character.digit(cps[j], 16) >= 0 && j - digitsStart < 6) {
            j++;
        }
        int digits = j - digitsStart;
        if (digits == 0 || j >= cps.length || cps[j] != '}') {
            throw in.error(errorOffset, "a unicode escape takes 1 to 6 hex digits inside braces, like \\u{1F600}");
        }
        int codePoint = Integer.parseInt(new String(cps, digitsStart, digits), 16);
        if (codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            throw in.error(errorOffset, String.format("\\u{%X} is not a Unicode scalar value", codePoint));
        }
        out.appendCodePoint(codePoint);
        return j + 1;
    }
}
