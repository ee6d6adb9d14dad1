package dev.xy.core.kdl;

import static dev.xy.core.kdl.KdlCharacters.isNewline;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A KDL 2.0 parser: a recursive descent over the spec's grammar. After a syntax error it skips to the end of the
 * broken node (still reading that node's children block) and goes on, so that one pass finds every error.
 */
public final class KdlParser {
    /** Deep enough for any real document; shallow enough that hostile nesting cannot overflow the stack. */
    private static final int MAX_DEPTH = 200;

    private final KdlCursor in;
    private final KdlErrors errors;
    private int depth;

    private KdlParser(String text) {
        this.in = new KdlCursor(new SourceText(text));
        if (in.peek() == 0xFEFF) {
            in.pos++;
        }
        this.errors = new KdlErrors(in);
    }

    /** Parses UTF-8 bytes, failing with the first syntax error; invalid UTF-8 is an error, not a U+FFFD. */
    public static KdlDocument parse(byte[] utf8) throws KdlParseException {
        return tryParse(utf8).orElseThrow();
    }

    /** Parses a document, failing with its first syntax error in document order. */
    public static KdlDocument parse(String text) throws KdlParseException {
        return tryParse(text).orElseThrow();
    }

    /** Parses UTF-8 bytes into a document or every syntax error found; invalid UTF-8 is then the only one. */
    public static KdlParseResult tryParse(byte[] utf8) {
        String text;
        try {
            text = decodeStrictly(utf8);
        } catch (KdlParseException e) {
            return KdlParseResult.failed(List.of(e), 0);
        }
        return tryParse(text);
    }

    /** Parses a document into a document or every syntax error found. */
    public static KdlParseResult tryParse(String text) {
        KdlParser parser = new KdlParser(text);
        return parser.errors.result(parser.nodes(-1));
    }

    /**
     * Reads nodes up to the end of the document, or up to the {@code }} of the block opened at {@code open}. A
     * node with a syntax error is reported and skipped.
     */
    private List<KdlNode> nodes(int open) {
        List<KdlNode> nodes = new ArrayList<>();
        while (true) {
            try {
                in.skipLineSpace();
                if (in.atEnd()) {
                    if (open >= 0 && !in.abandoned) {
                        errors.add(in.error(open, "unclosed children block", "close it with }"));
                    }
                    return nodes;
                }
                if (in.peek() == '}') {
                    if (open >= 0) {
                        return nodes;
                    }
                    errors.add(in.error(in.pos, "unexpected } with no open children block"));
                    in.pos++;
                    continue;
                }
                nodeInto(nodes);
            } catch (KdlParseException e) {
                errors.add(e);
                skipRestOfNode();
            }
        }
    }

    private void nodeInto(List<KdlNode> nodes) throws KdlParseException {
        boolean discarded = consumeSlashdash();
        if (discarded && (in.atEnd() || in.peek() == '}')) {
            throw in.error(in.pos, "/- must be followed by the node it comments out");
        }
        KdlNode node = node();
        if (!discarded) {
            nodes.add(node);
        }
    }

    /** After an error: skips to the end of the broken node, still reading its children block for errors of its own. */
    private void skipRestOfNode() {
        KdlSkipper.toNodeEnd(in);
        while (in.peek() == '{') {
            try {
                childrenBlock();
            } catch (KdlParseException e) {
                errors.add(e);
            }
            KdlSkipper.toNodeEnd(in);
        }
        if (in.peek() == ';') {
            in.pos++;
        } else {
            in.consumeNewline();
        }
    }

    private KdlNode node() throws KdlParseException {
        int start = in.pos;
        Optional<String> type = KdlScalars.typeAnnotation(in);
        if (type.isPresent()) {
            in.skipNodeSpace();
        }
        String name = KdlScalars.string(in, "node name");
        List<KdlValue> arguments = new ArrayList<>();
        List<KdlProperty> properties = new ArrayList<>();
        List<KdlNode> children = List.of();
        boolean anyBlock = false;
        boolean liveBlock = false;
        while (true) {
            boolean spaced = in.skipNodeSpace();
            if (atNodeEnd()) {
                break;
            }
            int entryStart = in.pos;
            boolean discarded = consumeSlashdash();
            if (in.peek() == '{') {
                if (!discarded && liveBlock) {
                    throw in.error(entryStart, "a node has only one children block");
                }
                List<KdlNode> block = childrenBlock();
                anyBlock = true;
                if (!discarded) {
                    children = block;
                    liveBlock = true;
                }
                continue;
            }
            if (anyBlock) {
                throw in.error(entryStart, "arguments and properties must come before the children block");
            }
            if (!discarded && !spaced) {
                throw in.error(entryStart, "expected whitespace before this argument or property");
            }
            if (discarded && atNodeEnd()) {
                throw in.error(entryStart, "/- must be followed by the argument, property or block it comments out");
            }
            entry(discarded ? new ArrayList<>() : arguments, discarded ? new ArrayList<>() : properties);
        }
        terminator();
        return new KdlNode(type, name, arguments, properties, children, in.location(start));
    }

    private boolean atNodeEnd() {
        int c = in.peek();
        return c == -1 || c == ';' || c == '}' || isNewline(c) || in.startsWith("//");
    }

    /** Consumes what ends a node; a {@code }} or the end of the document ends it too, and is left to the caller. */
    private void terminator() {
        if (in.peek() == ';') {
            in.pos++;
        } else if (in.startsWith("//")) {
            in.singleLineComment();
        } else {
            in.consumeNewline();
        }
    }

    private List<KdlNode> childrenBlock() throws KdlParseException {
        int open = in.pos++;
        if (depth == MAX_DEPTH) {
            throw in.fatal(open, "children blocks are nested more than " + MAX_DEPTH + " deep", null);
        }
        depth++;
        List<KdlNode> children = nodes(open);
        depth--;
        if (!in.atEnd()) {
            in.pos++; // the closing brace, which nodes() stopped at
        }
        return children;
    }

    private boolean consumeSlashdash() throws KdlParseException {
        if (!in.startsWith("/-")) {
            return false;
        }
        in.pos += 2;
        in.skipLineSpace();
        return true;
    }

    /** Reads an argument, or a property when a string is followed by {@code =}, into the matching list. */
    private void entry(List<KdlValue> arguments, List<KdlProperty> properties) throws KdlParseException {
        int start = in.pos;
        Optional<String> type = KdlScalars.typeAnnotation(in);
        if (type.isPresent()) {
            in.skipNodeSpace();
        }
        KdlValue value = KdlScalars.value(in, type, start);
        int afterValue = in.pos;
        in.skipNodeSpace();
        if (in.peek() != '=') {
            in.pos = afterValue;
            arguments.add(value);
            return;
        }
        if (!(value instanceof KdlString key) || type.isPresent()) {
            throw in.error(
                    start,
                    "a property key must be a string without a type annotation",
                    "write key=(type)value to annotate the value");
        }
        in.pos++;
        in.skipNodeSpace();
        int valueStart = in.pos;
        Optional<String> valueType = KdlScalars.typeAnnotation(in);
        if (valueType.isPresent()) {
            in.skipNodeSpace();
        }
        properties.add(new KdlProperty(key.value(), KdlScalars.value(in, valueType, valueStart), in.location(start)));
    }

    private static String decodeStrictly(byte[] utf8) throws KdlParseException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(utf8);
        CharBuffer chars = CharBuffer.allocate(utf8.length);
        CoderResult result = decoder.decode(bytes, chars, true);
        if (result.isError()) {
            String before = chars.flip().toString();
            SourceText prefix = new SourceText(before);
            throw new KdlParseException(
                    "invalid UTF-8 at byte " + bytes.position(),
                    prefix.locationOf(prefix.length()),
                    prefix.snippetAt(prefix.length()),
                    "KDL documents are UTF-8 text");
        }
        decoder.flush(chars);
        return chars.flip().toString();
    }
}
