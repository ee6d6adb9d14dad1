package dev.xy.core.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Type;
import java.util.List;

/**
 * The type of an error's {@code data}, by error code: server-not-found carries the unknown names, config-invalid
 * every problem, spawn-failed and port-conflict a {@link Wire.StartFailure}. Anything else carries none.
 */
public final class ErrorData {
    private ErrorData() {}

    /** The type {@link #decode} gives the {@code data} of {@code code}, or null when that code carries none. */
    public static Type type(int code) {
        return switch (code) {
            case ErrorCodes.SERVER_NOT_FOUND -> WireCodec.listOf(String.class);
            case ErrorCodes.CONFIG_INVALID -> WireCodec.listOf(Wire.Problem.class);
            case ErrorCodes.SPAWN_FAILED, ErrorCodes.PORT_CONFLICT -> Wire.StartFailure.class;
            default -> null;
        };
    }

    /** Decodes {@code data} as a client received it; what does not decode is kept as the raw JSON. */
    public static Object decode(int code, JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            return null;
        }
        Type type = type(code);
        if (type == null) {
            return data;
        }
        try {
            return type instanceof Class<?> record
                    ? Json.LENIENT.treeToValue(data, record)
                    : Json.LENIENT.convertValue(
                            data, Json.LENIENT.getTypeFactory().constructType(type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return data;
        }
    }

    static <T> List<T> listOf(Object data, Class<T> type) {
        if (!(data instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
