package dev.xy.core.kdl;

import static dev.xy.core.kdl.KdlCharacters.isDigit;
import static dev.xy.core.kdl.KdlCharacters.isIdentifierChar;
import static dev.xy.core.kdl.KdlCharacters.isSign;

import java.util.Optional;

/** Reads the scalar productions at the cursor: type annotations, values, keywords, numbers and strings. */
final class KdlScalars {
    private KdlScalars() {}

    static Optional<String> typeAnnotation(KdlCursor in) throws KdlParseException {
        if (in.peek() != '(') {
            return Optional.empty();
        }
        in.pos++;
        in.skipNodeSpace();
        String type = string(in, "type annotation");
        in.skipNodeSpace();
        if (in.peek() != ')') {
            throw in.error(in.pos, "expected ) to close the type annotation");
        }
        in.pos++;
        return Optional.of(type);
    }

    /** Reads a value whose annotation, if any, is already read; {@code start} is where the annotation began. */
    static KdlValue value(KdlCursor in, Optional<String> type, int start) throws KdlParseException {
        KdlLocation location = in.location(start);
        int c = in.peek();
        if (c == '#' && !isRawStringStart(in)) {
            return keyword(in, type, location);
        }
        if (c != '"' && c != '#' && looksLikeNumber(in)) {
            return number(in, type, location);
        }
        return new KdlString(type, string(in, "value"), location);
    }

    /** Reads a string in any form; {@code role} names what it is for in the error when something else is there. */
    static String string(KdlCursor in, String role) throws KdlParseException {
        int c = in.peek();
        if (c == '"') {
            return KdlStrings.quoted(in);
        }
        if (c == '#' && isRawStringStart(in)) {
            return KdlStrings.raw(in);
        }
        if (c == -1 || !isIdentifierChar(c)) {
            String found = c == -1 ? "the end of the document" : "`" + Character.toString(c) + "`";
            throw in.error(in.pos, "expected a " + role + ", found " + found);
        }
        if (looksLikeNumber(in)) {
            throw in.error(in.pos, "a " + role + " cannot start like a number", "quote it: \"" + peekWord(in) + "\"");
        }
        int start = in.pos;
        String word = bareWord(in);
        if (KdlCharacters.isReservedWord(word)) {
            throw in.error(
                    start,
                    "bare `" + word + "` is not allowed in KDL 2",
                    "KDL 2 writes #" + word + " for the keyword, or \"" + word + "\" for the text");
        }
        return word;
    }

    /** True at one or more {@code #} followed by {@code "}. */
    static boolean isRawStringStart(KdlCursor in) {
        int i = 0;
        while (in.peek(i) == '#') {
            i++;
        }
        return i > 0 && in.peek(i) == '"';
    }

    private static KdlValue keyword(KdlCursor in, Optional<String> type, KdlLocation location)
            throws KdlParseException {
        int start = in.pos++;
        String word = bareWord(in);
        return switch (word) {
            case "true" -> new KdlBoolean(type, true, location);
            case "false" -> new KdlBoolean(type, false, location);
            case "null" -> new KdlNull(type, location);
            case "inf" -> new KdlNumber(type, new KdlNumber.Keyword(KdlNumber.Special.INF), location);
            case "-inf" -> new KdlNumber(type, new KdlNumber.Keyword(KdlNumber.Special.NEGATIVE_INF), location);
            case "nan" -> new KdlNumber(type, new KdlNumber.Keyword(KdlNumber.Special.NAN), location);
            default -> throw in.error(
                    start, "unknown keyword #" + word, "keywords are #true #false #null #inf #-inf #nan");
        };
    }

    private static KdlValue number(KdlCursor in, Optional<String> type, KdlLocation location) throws KdlParseException {
        int start = in.pos;
        String literal = bareWord(in);
        Number value = KdlNumbers.parse(literal)
                .orElseThrow(() -> in.error(
                        start,
                        "invalid number `" + literal + "`",
                        "numbers look like 42, -1.5, 1e10, 0xFF, 0o755, 0b1010; quote text that starts with a digit"));
        return new KdlNumber(type, value, location);
    }

    /** True at a number, or at the illegal {@code .5} / {@code +.5} shapes, which are reported as bad numbers. */
    private static boolean looksLikeNumber(KdlCursor in) {
        int i = isSign(in.peek()) ? 1 : 0;
        return isDigit(in.peek(i)) || (in.peek(i) == '.' && isDigit(in.peek(i + 1)));
    }

    private static String bareWord(KdlCursor in) {
        int start = in.pos;
        while (isIdentifierChar(in.peek())) {
            in.pos++;
        }
        return new String(in.source.codePoints(), start, in.pos - start);
    }

    private static String peekWord(KdlCursor in) {
        int start = in.pos;
        String word = bareWord(in);
        in.pos = start;
        return word;
    }
}
