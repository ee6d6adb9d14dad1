package dev.xy.core.rpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@link Wire}'s records to and from JSON with jackson-core's streaming parser and generator, walking each record's
 * components: the client's binding, without databind's start-up cost (its first {@code ObjectMapper} and the
 * deserializers it builds by introspection cost {@code xy list} a fifth of its instructions; see docs/benchmarks.md).
 *
 * <p>It writes exactly what {@link Json#LENIENT} writes. It reads the plain shape of what a daemon sends — each
 * value of its own JSON type, enums by name in any case — with {@link Json#LENIENT}'s rules: unknown fields are
 * skipped, unknown enum values read as null, missing values as null (primitives as zero). Anything else, which
 * databind would coerce or refuse (a number as a string, a float for an int, an enum by index, a number out of
 * range), is {@link OffShape}: the caller decides it with {@link Json#LENIENT}, so that every answer reads as it
 * always did.
 *
 * <p>Types: records, {@code List<T>}, {@code String}, {@code Integer}/{@code int}, {@code Long}/{@code long},
 * {@code Boolean}/{@code boolean} and enums; a record's properties are its components (see {@link RecordShape}).
 */
public final class WireCodec {
    private static final JsonFactory FACTORY = new JsonFactory();

    private WireCodec() {}

    /** JSON that this codec does not read by itself; {@link Json#LENIENT} gives the answer for it. */
    public static final class OffShape extends IOException {
        public OffShape(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // an expected turn, not a failure: no stack to record
        }
    }

    public static JsonFactory factory() {
        return FACTORY;
    }

    /** {@code List<element>}, for {@link #read(String, Type)}. */
    public static ParameterizedType listOf(Type element) {
        return new ListType(element);
    }

    /** Reads one JSON value of {@code type}; {@link OffShape} when it is not in the plain shape. */
    public static <T> T read(String json, Class<T> type) throws IOException {
        return type.cast(read(json, (Type) type));
    }

    /** Reads one JSON value of {@code type}; {@link OffShape} when it is not in the plain shape. */
    public static Object read(String json, Type type) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            parser.nextToken();
            return read(parser, type);
        }
    }

    /** Reads the value at the parser's current token (its first token, for an object or array) and no further. */
    public static Object read(JsonParser parser, Type type) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new OffShape("no value");
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (type instanceof Class<?> c) {
            return readScalarOrRecord(parser, token, c);
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return readList(parser, token, p.getActualTypeArguments()[0]);
        }
        throw new IllegalArgumentException("not a wire type: " + type);
    }

    private static Object readScalarOrRecord(JsonParser parser, JsonToken token, Class<?> type) throws IOException {
        if (type == String.class) {
            expect(token, JsonToken.VALUE_STRING, type);
            return parser.getText();
        }
        if (type == Integer.class || type == int.class) {
            expect(token, JsonToken.VALUE_NUMBER_INT, type);
            if (parser.getNumberType() != JsonParser.NumberType.INT) {
                throw new OffShape("out of int range");
            }
            return parser.getIntValue();
        }
        if (type == Long.class || type == long.class) {
            expect(token, JsonToken.VALUE_NUMBER_INT, type);
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new OffShape("out of long range");
            }
            return parser.getLongValue();
        }
        if (type == Boolean.class || type == boolean.class) {
            if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                return token == JsonToken.VALUE_TRUE;
            }
            throw new OffShape(token + " for " + type);
        }
        if (type.isEnum()) {
            expect(token, JsonToken.VALUE_STRING, type);
            return enumValue(type, parser.getText());
        }
        if (type.isRecord()) {
            expect(token, JsonToken.START_OBJECT, type);
            return readRecord(parser, RecordShape.of(type));
        }
        throw new IllegalArgumentException("not a wire type: " + type);
    }

    private static void expect(JsonToken token, JsonToken expected, Class<?> type) throws OffShape {
        if (token != expected) {
            throw new OffShape(token + " for " + type.getSimpleName());
        }
    }

    private static Object readRecord(JsonParser parser, RecordShape shape) throws IOException {
        Object[] values = new Object[shape.names.length];
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            int component = shape.indexOf(parser.currentName());
            parser.nextToken();
            if (component < 0) {
                parser.skipChildren();
            } else {
                values[component] = read(parser, shape.types[component]); // a repeated name: the last one counts
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new OffShape("unterminated object");
        }
        try {
            return shape.construct(values);
        } catch (InvocationTargetException e) {
            throw new OffShape("refused by " + shape.type.getSimpleName() + ": " + e.getCause());
        }
    }

    private static List<Object> readList(JsonParser parser, JsonToken token, Type element) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw new OffShape(token + " for a list");
        }
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == null) {
                throw new OffShape("unterminated array");
            }
            list.add(read(parser, element));
        }
        return list;
    }

    /**
     * By name in any case, else null — as databind reads enums with case-insensitive matching and unknown values
     * as null. Databind also trims a padded name and takes a number as an index: those are {@link OffShape}.
     */
    private static Object enumValue(Class<?> type, String text) throws OffShape {
        Object[] constants = type.getEnumConstants();
        for (Object constant : constants) {
            if (((Enum<?>) constant).name().equals(text)) {
                return constant;
            }
        }
        for (Object constant : constants) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        if (text.isEmpty() || text.trim().length() != text.length() || Character.isDigit(text.charAt(0))) {
            throw new OffShape("an enum value databind may still read: \"" + text + "\"");
        }
        return null;
    }

    /** The JSON {@link Json#LENIENT} writes for {@code value}; fails only where it fails. */
    public static String write(Object value) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        }
        return out.toString();
    }

    /**
     * Writes {@code value} as {@link Json#LENIENT} does: snake_case names, null fields and map entries left out,
     * enums in lowercase. A type outside the wire's (a raw {@code JsonNode} as error data) is written by
     * {@link Json#LENIENT} itself.
     */
    public static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof Enum<?> constant) {
            // Jackson lowercases in the default locale (WRITE_ENUMS_TO_LOWERCASE); so does this, to write the same.
            generator.writeString(constant.name().toLowerCase());
        } else if (value instanceof Record record) {
            writeRecord(generator, record);
        } else if (value instanceof Collection<?> collection) {
            generator.writeStartArray();
            for (Object element : collection) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof Map<?, ?> map && keysAreStrings(map)) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() != null) {
                    generator.writeFieldName((String) entry.getKey());
                    write(generator, entry.getValue());
                }
            }
            generator.writeEndObject();
        } else {
            generator.writeRawValue(Json.LENIENT.writeValueAsString(value));
        }
    }

    private static boolean keysAreStrings(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static void writeRecord(JsonGenerator generator, Record record) throws IOException {
        RecordShape shape = RecordShape.of(record.getClass());
        generator.writeStartObject();
        for (int i = 0; i < shape.names.length; i++) {
            Object value = shape.value(record, i);
            if (value != null) {
                generator.writeFieldName(shape.names[i]);
                write(generator, value);
            }
        }
        generator.writeEndObject();
    }

    private record ListType(Type element) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {element};
        }

        @Override
        public Type getRawType() {
            return List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    }
}
