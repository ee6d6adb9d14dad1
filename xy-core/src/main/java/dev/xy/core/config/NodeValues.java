package dev.xy.core.config;

import dev.xy.core.kdl.KdlBoolean;
import dev.xy.core.kdl.KdlNode;
import dev.xy.core.kdl.KdlNumber;
import dev.xy.core.kdl.KdlString;
import dev.xy.core.kdl.KdlValue;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed values out of config nodes. Every mismatch is reported to the sink with what was expected, and
 * the read returns empty, so that one pass over a file finds all of its problems.
 */
final class NodeValues {
    private final ProblemSink problems;
    /** Names that an unknown node was taken to be a typo of: their absence is already explained. */
    private final Set<String> suggested = new HashSet<>();

    NodeValues(ProblemSink problems) {
        this.problems = problems;
    }

    /**
     * The nodes of a block by name. Unknown names (with a suggestion) and repeats are reported and left out;
     * {@code where} says whose block it is, for the messages.
     */
    Map<String, KdlNode> uniqueNodes(List<KdlNode> nodes, List<String> known, String where) {
        Map<String, KdlNode> byName = new LinkedHashMap<>();
        for (KdlNode node : nodes) {
            rejectTypeAnnotation(node);
            String name = node.name();
            if (!known.contains(name)) {
                Optional<String> suggestion = Suggestions.closest(name, known);
                suggestion.ifPresent(suggested::add);
                String hint = suggestion
                        .map(s -> "did you mean `" + s + "`?")
                        .orElse("known nodes" + where + ": " + String.join(", ", known));
                problems.at(node.location(), "unknown node `" + name + "`" + where + "; " + hint);
            } else if (byName.containsKey(name)) {
                problems.at(
                        node.location(),
                        "duplicate node `" + name + "`; it is already set at line "
                                + byName.get(name).location().line());
            } else {
                byName.put(name, node);
            }
        }
        return byName;
    }

    /** True when an unknown node was reported as a likely typo of {@code name}. */
    boolean wasSuggested(String name) {
        return suggested.contains(name);
    }

    /** The children of a block node such as {@code restart { ... }}, which takes no arguments itself. */
    List<KdlNode> blockChildren(KdlNode node) {
        if (!node.arguments().isEmpty() || !node.properties().isEmpty()) {
            problems.at(
                    node.location(),
                    "`" + node.name() + "` takes a block, not values: write " + node.name() + " { ... }");
        }
        return node.children();
    }

    Optional<String> string(KdlNode node) {
        return singleString(node, "a string");
    }

    Optional<Boolean> bool(KdlNode node) {
        return single(node, "#true or #false", v -> v instanceof KdlBoolean b ? b.value() : null);
    }

    Optional<Long> integer(KdlNode node, long min, long max) {
        return single(node, "an integer", NodeValues::asInteger)
                .filter(value -> {
                    if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
                        problems.at(
                                node.arguments().get(0).location(),
                                "`" + node.name() + "` must be from " + min + " to " + max + ", got " + value);
                        return false;
                    }
                    return true;
                })
                .map(BigInteger::longValueExact);
    }

    Optional<Duration> duration(KdlNode node, Duration min) {
        return parsed(node, Durations::parse, "a duration such as \"250ms\", \"2s\", \"1m\" or \"1h30m\"")
                .filter(value -> {
                    if (value.compareTo(min) < 0) {
                        problems.at(
                                node.arguments().get(0).location(),
                                "`" + node.name() + "` must be at least " + Durations.format(min));
                        return false;
                    }
                    return true;
                });
    }

    Optional<Long> size(KdlNode node, long min) {
        return parsed(node, ByteSizes::parse, "a size such as \"512KB\", \"10MB\" or \"1GB\"")
                .filter(value -> {
                    if (value < min) {
                        problems.at(
                                node.arguments().get(0).location(),
                                "`" + node.name() + "` must be at least " + min + " bytes");
                        return false;
                    }
                    return true;
                });
    }

    /** Zero or more string arguments, such as {@code args "--port" "8080"}. */
    List<String> strings(KdlNode node) {
        noPropertiesOrChildren(node);
        List<String> values = new ArrayList<>();
        for (KdlValue value : node.arguments()) {
            rejectTypeAnnotation(value);
            if (value instanceof KdlString s) {
                values.add(s.value());
            } else {
                problems.at(
                        value.location(), "`" + node.name() + "` takes strings, got " + describe(value) + "; quote it");
            }
        }
        return values;
    }

    private Optional<String> singleString(KdlNode node, String expected) {
        return single(node, expected, v -> v instanceof KdlString s ? s.value() : null);
    }

    private <T> Optional<T> parsed(KdlNode node, Function<String, Optional<T>> parser, String expected) {
        return singleString(node, expected).flatMap(text -> {
            Optional<T> value = parser.apply(text);
            if (value.isEmpty()) {
                problems.at(
                        node.arguments().get(0).location(),
                        "`" + node.name() + "` must be " + expected + ", got \"" + text + "\"");
            }
            return value;
        });
    }

    /** Exactly one argument, converted by {@code convert} (which returns null when the kind is wrong). */
    private <T> Optional<T> single(KdlNode node, String expected, Function<KdlValue, T> convert) {
        noPropertiesOrChildren(node);
        if (node.arguments().size() != 1) {
            String got =
                    node.arguments().isEmpty() ? "nothing" : node.arguments().size() + " values";
            problems.at(node.location(), "`" + node.name() + "` takes one value, " + expected + "; got " + got);
            return Optional.empty();
        }
        KdlValue value = node.arguments().get(0);
        rejectTypeAnnotation(value);
        T converted = convert.apply(value);
        if (converted == null) {
            problems.at(value.location(), "`" + node.name() + "` must be " + expected + ", got " + describe(value));
        }
        return Optional.ofNullable(converted);
    }

    private void noPropertiesOrChildren(KdlNode node) {
        if (!node.properties().isEmpty()) {
            String key = node.properties().get(0).key();
            problems.at(
                    node.properties().get(0).location(),
                    "`" + node.name() + "` takes no properties, but has `" + key + "=`");
        }
        if (!node.children().isEmpty()) {
            problems.at(node.location(), "`" + node.name() + "` takes no { } block");
        }
    }

    private void rejectTypeAnnotation(KdlNode node) {
        node.type()
                .ifPresent(t ->
                        problems.at(node.location(), "type annotations like (" + t + ") are not used in xy configs"));
    }

    private void rejectTypeAnnotation(KdlValue value) {
        value.type()
                .ifPresent(t ->
                        problems.at(value.location(), "type annotations like (" + t + ") are not used in xy configs"));
    }

    private static BigInteger asInteger(KdlValue value) {
        return value instanceof KdlNumber number ? number.asInteger().orElse(null) : null;
    }

    private static String describe(KdlValue value) {
        if (value instanceof KdlString s) {
            return "the string \"" + s.value() + "\"";
        }
        if (value instanceof KdlNumber n) {
            return "the number " + n.value();
        }
        if (value instanceof KdlBoolean b) {
            return b.value() ? "#true" : "#false";
        }
        return value.kindName();
    }
}
