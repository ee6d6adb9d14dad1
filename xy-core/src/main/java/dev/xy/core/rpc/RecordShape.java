package dev.xy.core.rpc;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A record as {@link WireCodec} sees it: its components in declaration order, each with its name on the wire, its
 * accessor and its generic type, and the canonical constructor. Found by reflection once per record type.
 *
 * <p>Names follow {@link Json}'s rules: an explicit {@code @JsonProperty("name")} on the component, else the
 * component's name in snake_case, by the same rule as Jackson's {@code SNAKE_CASE} strategy.
 */
final class RecordShape {
    private static final Map<Class<?>, RecordShape> SHAPES = new ConcurrentHashMap<>();

    final Class<?> type;
    final String[] names;
    final Method[] accessors;
    final Type[] types;
    private final Class<?>[] rawTypes;
    private final Map<String, Integer> index;
    private final Constructor<?> constructor;

    private RecordShape(Class<?> type) {
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        int count = components.length;
        names = new String[count];
        accessors = new Method[count];
        types = new Type[count];
        rawTypes = new Class<?>[count];
        index = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            RecordComponent component = components[i];
            accessors[i] = component.getAccessor();
            accessors[i].setAccessible(true);
            types[i] = component.getGenericType();
            rawTypes[i] = component.getType();
            names[i] = wireName(component);
            index.put(names[i], i);
        }
        try {
            constructor = type.getDeclaredConstructor(rawTypes);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record without its canonical constructor: " + type, e);
        }
    }

    static RecordShape of(Class<?> type) {
        RecordShape shape = SHAPES.get(type);
        if (shape == null) {
            shape = new RecordShape(type);
            RecordShape raced = SHAPES.putIfAbsent(type, shape);
            return raced == null ? shape : raced;
        }
        return shape;
    }

    /** The component with this wire name, or -1. */
    int indexOf(String wireName) {
        Integer i = index.get(wireName);
        return i == null ? -1 : i;
    }

    /**
     * A new record from its components by index; a missing or null primitive is its zero, as databind makes it
     * when nulls for primitives are not refused.
     */
    Object construct(Object[] values) throws InvocationTargetException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null && rawTypes[i].isPrimitive()) {
                values[i] = zero(rawTypes[i]);
            }
        }
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot construct " + type, e);
        }
    }

    Object value(Object record, int component) {
        try {
            return accessors[component].invoke(record);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + type + "." + accessors[component].getName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("an accessor failed: " + accessors[component], e.getCause());
        }
    }

    private static Object zero(Class<?> primitive) {
        if (primitive == int.class) {
            return 0;
        }
        if (primitive == long.class) {
            return 0L;
        }
        if (primitive == boolean.class) {
            return false;
        }
        throw new IllegalArgumentException("not a wire type: " + primitive);
    }

    private static String wireName(RecordComponent component) {
        // JsonProperty does not target record components: javac puts it on the field, accessor and parameter.
        JsonProperty explicit = component.getAccessor().getAnnotation(JsonProperty.class);
        if (explicit != null && !explicit.value().isEmpty()) {
            return explicit.value();
        }
        return snakeCase(component.getName());
    }

    /** Jackson's {@code SnakeCaseStrategy.translate}: {@code uptimeSecs} → {@code uptime_secs}, {@code URL} → {@code url}. */
    static String snakeCase(String name) {
        int length = name.length();
        StringBuilder result = new StringBuilder(length * 2);
        boolean previousUpper = false;
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (i == 0 && c == '_') {
                continue;
            }
            if (Character.isUpperCase(c)) {
                if (!previousUpper && result.length() > 0 && result.charAt(result.length() - 1) != '_') {
                    result.append('_');
                }
                c = Character.toLowerCase(c);
                previousUpper = true;
            } else {
                previousUpper = false;
            }
            result.append(c);
        }
        return result.length() > 0 ? result.toString() : name;
    }
}
