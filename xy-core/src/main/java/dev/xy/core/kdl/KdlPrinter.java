package dev.xy.core.kdl;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prints documents in the canonical form of the KDL conformance suite: one node a line, four-space indents,
 * properties sorted by key (last one wins), strings bare when they can be, numbers normalised.
 */
public final class KdlPrinter {
    private KdlPrinter() {}

    public static String print(KdlDocument document) {
        if (document.nodes().isEmpty()) {
            return "\n";
        }
        StringBuilder out = new StringBuilder();
        for (KdlNode node : document.nodes()) {
            printNode(node, 0, out);
        }
        return out.toString();
    }

    private static void printNode(KdlNode node, int depth, StringBuilder out) {
        out.append("    ".repeat(depth));
        printType(node.type(), out);
        printString(node.name(), out);
        for (KdlValue argument : node.arguments()) {
            out.append(' ');
            printValue(argument, out);
        }
        Map<String, KdlValue> sorted = new TreeMap<>(node.propertyMap());
        for (Map.Entry<String, KdlValue> property : sorted.entrySet()) {
            out.append(' ');
            printString(property.getKey(), out);
            out.append('=');
            printValue(property.getValue(), out);
        }
        if (!node.children().isEmpty()) {
            out.append(" {\n");
            for (KdlNode child : node.children()) {
                printNode(child, depth + 1, out);
            }
            out.append("    ".repeat(depth)).append('}');
        }
        out.append('\n');
    }

    private static void printType(Optional<String> type, StringBuilder out) {
        type.ifPresent(name -> {
            out.append('(');
            printString(name, out);
            out.append(')');
        });
    }

    private static void printValue(KdlValue value, StringBuilder out) {
        printType(value.type(), out);
        if (value instanceof KdlString string) {
            printString(string.value(), out);
        } else if (value instanceof KdlBoolean bool) {
            out.append(bool.value() ? "#true" : "#false");
        } else if (value instanceof KdlNumber number) {
            printNumber(number.value(), out);
        } else {
            out.append("#null");
        }
    }

    private static void printNumber(Number number, StringBuilder out) {
        if (number instanceof BigDecimal decimal) {
            out.append(decimal.toString());
        } else {
            out.append(number);
        }
    }

    static void printString(String text, StringBuilder out) {
        if (KdlCharacters.isPlainIdentifier(text)) {
            out.append(text);
            return;
        }
        out.append('"');
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.appendCodePoint(c);
            }
        });
        out.append('"');
    }
}
