package dev.xy.core.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Random values of the wire types, and random damage to their JSON: what a property test feeds both decoders.
 * Seeded, so that a failure repeats.
 */
public final class WireSamples {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] WORDS = {
        "",
        "alpha",
        "a b",
        "tab\there",
        "quote\"s",
        "back\\slash",
        "line\nbreak",
        "ünïcødé",
        "日本語",
        "emoji 😀",
        "\u0000nul",
        "</script>",
        "running",
        "RUNNING",
        "stdout",
        "xy",
        "daemon",
        "null",
        "true",
        "42",
        " padded ",
        "\u2028sep",
        "ı dotless",
        "İ dotted"
    };

    final Random random;

    public WireSamples(long seed) {
        random = new Random(seed);
    }

    /** Every record type that {@link Wire} declares. */
    public static List<Class<?>> wireRecords() {
        return Arrays.stream(Wire.class.getDeclaredClasses())
                .filter(Class::isRecord)
                .toList();
    }

    /** A random value of {@code type}; a reference may be null. */
    public Object value(Type type) {
        if (type instanceof Class<?> c && !c.isPrimitive() && random.nextInt(7) == 0) {
            return null;
        }
        if (type instanceof ParameterizedType p) {
            List<Object> list = new ArrayList<>();
            int size = random.nextInt(4);
            for (int i = 0; i < size; i++) {
                list.add(value(p.getActualTypeArguments()[0]));
            }
            return list;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return random.nextInt(3) == 0 ? Long.toString(random.nextLong(), 36) : WORDS[random.nextInt(WORDS.length)];
        }
        if (c == Integer.class || c == int.class) {
            return switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
                default -> random.nextInt(100_000) - 1000;
            };
        }
        if (c == Long.class || c == long.class) {
            return switch (random.nextInt(4)) {
                case 0 -> 0L;
                case 1 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
                case 2 -> random.nextLong();
                default -> (long) random.nextInt(100_000);
            };
        }
        if (c == Boolean.class || c == boolean.class) {
            return random.nextBoolean();
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (c.isRecord()) {
            return record(c);
        }
        throw new IllegalArgumentException("no samples for " + type);
    }

    private Object record(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i].getGenericType());
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Some random damage somewhere in {@code node} (a copy): what a newer, older or odd daemon might send. */
    public JsonNode damage(JsonNode node) {
        JsonNode copy = node.deepCopy();
        int times = 1 + random.nextInt(3);
        for (int i = 0; i < times; i++) {
            copy = damageOnce(copy);
        }
        return copy;
    }

    private JsonNode damageOnce(JsonNode node) {
        if (node.isContainerNode() && node.size() > 0 && random.nextInt(3) != 0) {
            if (node instanceof ObjectNode object) {
                String field = pick(object.fieldNames());
                object.set(field, damageOnce(object.get(field)));
            } else {
                ArrayNode array = (ArrayNode) node;
                int index = random.nextInt(array.size());
                array.set(index, damageOnce(array.get(index)));
            }
            return node;
        }
        if (node instanceof ObjectNode object && random.nextBoolean()) {
            switch (random.nextInt(3)) {
                case 0 -> object.set("unknown_" + random.nextInt(5), anyJson(2));
                case 1 -> {
                    if (object.size() > 0) {
                        object.remove(pick(object.fieldNames()));
                    }
                }
                default -> {
                    if (object.size() > 0) {
                        object.putNull(pick(object.fieldNames()));
                    }
                }
            }
            return node;
        }
        return replacement(node);
    }

    /** A value of another JSON type, or the same type in a form databind coerces or reads specially. */
    private JsonNode replacement(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            return switch (random.nextInt(9)) {
                case 0 -> NODES.textNode(text.toUpperCase());
                case 1 -> NODES.textNode(" " + text + " ");
                case 2 -> NODES.textNode("hibernating");
                case 3 -> NODES.textNode(Integer.toString(random.nextInt(8)));
                case 4 -> NODES.numberNode(random.nextInt(8));
                case 5 -> NODES.textNode("");
                case 6 -> NODES.textNode(
                        text.isEmpty() ? "x" : text.substring(0, 1).toUpperCase() + text.substring(1));
                default -> anyJson(1);
            };
        }
        if (node.isIntegralNumber()) {
            return switch (random.nextInt(7)) {
                case 0 -> NODES.textNode(node.asText());
                case 1 -> NODES.numberNode(node.asDouble() + 0.5);
                case 2 -> NODES.numberNode(node.asDouble());
                case 3 -> NODES.numberNode(BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.TEN));
                case 4 -> NODES.numberNode(3_000_000_000L);
                default -> anyJson(1);
            };
        }
        if (node.isBoolean()) {
            return random.nextBoolean() ? NODES.textNode(node.asText()) : anyJson(1);
        }
        return anyJson(2);
    }

    /** Any JSON value, nested up to {@code depth}. */
    public JsonNode anyJson(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(1000) - 10);
            case 3 -> NODES.numberNode(random.nextDouble() * 100);
            case 4 -> NODES.numberNode(random.nextLong());
            case 5, 6 -> NODES.textNode(WORDS[random.nextInt(WORDS.length)]);
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(anyJson(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    object.set("k" + random.nextInt(4), anyJson(depth - 1));
                }
                yield object;
            }
        };
    }

    /**
     * The text of {@code node}, now and then with one member of an object written twice (which a tree cannot hold):
     * the same name first with another value.
     */
    public String text(JsonNode node) {
        String text = node.toString();
        if (node instanceof ObjectNode object && object.size() > 0 && random.nextInt(5) == 0) {
            String field = pick(object.fieldNames());
            String earlier = "\"" + field + "\":" + anyJson(1) + ",";
            return "{" + earlier + text.substring(1);
        }
        return text;
    }

    private String pick(Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all.get(random.nextInt(all.size()));
    }
}
