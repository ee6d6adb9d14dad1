package dev.xy.core.kdl;

import static dev.xy.core.kdl.KdlCharacters.isNewline;
import static dev.xy.core.kdl.KdlCharacters.isUnicodeSpace;

/**
 * A read position in a document, plus the parts of the grammar that every production shares: whitespace,
 * comments, line continuations and newlines. It also builds located errors.
 */
final class KdlCursor {
    final SourceText source;
    int pos;
    /**
     * Set once an error ran to the end of the document (an unterminated string or comment, say): whatever it
     * swallowed, a closing brace perhaps, is unknown, so blocks still open at the end are not reported as unclosed.
     */
    boolean abandoned;

    KdlCursor(SourceText source) {
        this.source = source;
    }

    int peek() {
        return source.at(pos);
    }

    int peek(int ahead) {
        return source.at(pos + ahead);
    }

    boolean atEnd() {
        return pos >= source.length();
    }

    boolean startsWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (source.at(pos + i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    KdlLocation location(int offset) {
        return source.locationOf(offset);
    }

    KdlParseException error(int offset, String problem) {
        return error(offset, problem, null);
    }

    KdlParseException error(int offset, String problem, String hint) {
        int clamped = Math.min(offset, source.length());
        return new KdlParseException(problem, source.locationOf(clamped), source.snippetAt(clamped), hint);
    }

    /** An error after which nothing can be read: the construct at {@code offset} runs to the end of the document. */
    KdlParseException fatal(int offset, String problem, String hint) {
        pos = source.length();
        abandoned = true;
        return error(offset, problem, hint);
    }

    /** Consumes one newline (CRLF counts as one) and says whether there was one. */
    boolean consumeNewline() {
        int c = peek();
        if (!isNewline(c)) {
            return false;
        }
        pos += (c == '\r' && peek(1) == '\n') ? 2 : 1;
        return true;
    }

    /** Skips {@code node-space*}: spaces, block comments and line continuations. Says whether any was there. */
    boolean skipNodeSpace() throws KdlParseException {
        int start = pos;
        while (true) {
            skipInlineSpace();
            if (peek() != '\\') {
                return pos > start;
            }
            lineContinuation();
        }
    }

    /** Skips {@code line-space*}: node space, newlines and single-line comments. */
    void skipLineSpace() throws KdlParseException {
        while (true) {
            skipNodeSpace();
            if (startsWith("//")) {
                singleLineComment();
            } else if (!consumeNewline()) {
                return;
            }
        }
    }

    /** Consumes {@code //...} up to and including the newline that ends it. */
    void singleLineComment() {
        pos += 2;
        while (!atEnd() && !isNewline(peek())) {
            pos++;
        }
        consumeNewline();
    }

    private void skipInlineSpace() throws KdlParseException {
        while (true) {
            if (isUnicodeSpace(peek())) {
                pos++;
            } else if (startsWith("/*")) {
                blockComment();
            } else {
                return;
            }
        }
    }

    private void blockComment() throws KdlParseException {
        int start = pos;
        int depth = 0;
        do {
            if (atEnd()) {
                throw fatal(start, "unclosed block comment", "close it with */");
            }
            if (startsWith("/*")) {
                depth++;
                pos += 2;
            } else if (startsWith("*/")) {
                depth--;
                pos += 2;
            } else {
                pos++;
            }
        } while (depth > 0);
    }

    private void lineContinuation() throws KdlParseException {
        int start = pos;
        pos++;
        skipInlineSpace();
        if (startsWith("//")) {
            singleLineComment();
        } else if (!consumeNewline() && !atEnd()) {
            throw error(
                    start,
                    "a `\\` outside a string continues the line, so only a newline or a comment may follow it",
                    "to put a backslash in a value, quote it: \"a\\\\b\"");
        }
    }
}
