package dev.xy.core.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.util.List;

/**
 * The type of an error's {@code data}, by error code: server-not-found carries the unknown names, config-invalid
 * every problem, spawn-failed and port-conflict a {@link Wire.StartFailure}. Anything else carries none.
 */
public final class ErrorData {
    private ErrorData() {}

    /** Decodes {@code data} as a client received it; what does not decode is kept as the raw JSON. */
    public static Object decode(int code, JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            return null;
        }
        TypeFactory types = Json.LENIENT.getTypeFactory();
        try {
            return switch (code) {
                case ErrorCodes.SERVER_NOT_FOUND -> Json.LENIENT.convertValue(
                        data, types.constructCollectionType(List.class, String.class));
                case ErrorCodes.CONFIG_INVALID -> Json.LENIENT.convertValue(
                        data, types.constructCollectionType(List.class, Wire.Problem.class));
                case ErrorCodes.SPAWN_FAILED, ErrorCodes.PORT_CONFLICT -> Json.LENIENT.treeToValue(
                        data, Wire.StartFailure.class);
                default -> data;
            };
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
