package dev.xy.core.kdl;

import static dev.xy.core.kdl.KdlCharacters.isNewline;
import static dev.xy.core.kdl.KdlCharacters.isUnicodeSpace;

/**
 * Error recovery's view of the grammar: finds where a broken node ends without parsing it. Strings and comments
 * are stepped over whole, so a brace, a {@code ;} or a newline inside them does not count. Never throws, and
 * always moves forward; running into the end inside a string or comment marks the cursor abandoned, because
 * whatever that swallowed (a closing brace, say) is unknown.
 */
final class KdlSkipper {
    private KdlSkipper() {}

    /** Moves to the next newline, {@code ;}, {@code {} or {@code }} outside strings and comments, or to the end. */
    static void toNodeEnd(KdlCursor in) {
        while (true) {
            int c = in.peek();
            if (c == -1 || c == ';' || c == '{' || c == '}' || isNewline(c)) {
                return;
            }
            if (in.startsWith("//")) {
                toLineEnd(in);
            } else if (in.startsWith("/*")) {
                blockComment(in);
            } else if (c == '\\') {
                lineContinuation(in);
            } else if (c == '"') {
                string(in, 0);
            } else if (c == '#' && KdlScalars.isRawStringStart(in)) {
                int hashes = 0;
                while (in.peek() == '#') {
                    hashes++;
                    in.pos++;
                }
                string(in, hashes);
            } else {
                in.pos++;
            }
        }
    }

    /**
     * Skips the rest of a single-line escaped string from the cursor, inside it, through its closing quote, or up
     * to the newline where it breaks off.
     */
    static void restOfQuoted(KdlCursor in) {
        stringBody(in, "\"", true, false);
    }

    /** At the {@code "} that opens a string preceded by {@code hashes} {@code #}: skips the whole string. */
    private static void string(KdlCursor in, int hashes) {
        boolean multiLine = in.startsWith("\"\"\"");
        in.pos += multiLine ? 3 : 1;
        String quotes = multiLine ? "\"\"\"" : "\"";
        stringBody(in, quotes + "#".repeat(hashes), hashes == 0, multiLine);
    }

    private static void stringBody(KdlCursor in, String close, boolean escaped, boolean multiLine) {
        while (!in.startsWith(close)) {
            int c = in.peek();
            if (c == -1) {
                in.abandoned = true;
                return;
            }
            if (!multiLine && isNewline(c)) {
                return;
            }
            in.pos++;
            if (escaped && c == '\\') {
                skipEscaped(in);
            }
        }
        in.pos += close.length();
    }

    /** After a backslash in a string: a whitespace escape swallows all following whitespace, others one char. */
    private static void skipEscaped(KdlCursor in) {
        int next = in.peek();
        if (isUnicodeSpace(next) || isNewline(next)) {
            while (isUnicodeSpace(in.peek()) || isNewline(in.peek())) {
                in.pos++;
            }
        } else if (next != -1) {
            in.pos++;
        }
    }

    private static void toLineEnd(KdlCursor in) {
        while (!in.atEnd() && !isNewline(in.peek())) {
            in.pos++;
        }
    }

    private static void blockComment(KdlCursor in) {
        int depth = 0;
        do {
            if (in.atEnd()) {
                in.abandoned = true;
                return;
            }
            if (in.startsWith("/*")) {
                depth++;
                in.pos += 2;
            } else if (in.startsWith("*/")) {
                depth--;
                in.pos += 2;
            } else {
                in.pos++;
            }
        } while (depth > 0);
    }

    /** A backslash outside a string: when only space and perhaps a comment follow it, the node goes on. */
    private static void lineContinuation(KdlCursor in) {
        in.pos++;
        while (isUnicodeSpace(in.peek())) {
            in.pos++;
        }
        if (in.startsWith("//")) {
            toLineEnd(in);
        }
        in.consumeNewline();
    }
}
