package dev.xy.core.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Binds a request's params to a record, strictly ({@link Json#STRICT}), and turns what Jackson says when that
 * fails into a message for the client that names the method and the offending param, never Jackson's classes.
 */
public final class Params {
    private Params() {}

    /** Binds {@code params} to {@code type}; absent params bind as an empty object. */
    public static <T> T bind(String method, JsonNode params, Class<T> type) throws RpcException {
        try {
            return Json.STRICT.treeToValue(params == null ? Json.STRICT.createObjectNode() : params, type);
        } catch (UnrecognizedPropertyException e) {
            throw invalid(method, unknown(e));
        } catch (MismatchedInputException e) {
            throw invalid(method, mismatched(e));
        } catch (JsonMappingException e) {
            throw invalid(method, outOfRange(e));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw invalid(method, "params do not fit");
        }
    }

    /** A required param that is absent. */
    public static RpcException missing(String method, String param) {
        return invalid(method, "`" + param + "` is required");
    }

    public static RpcException invalid(String method, String problem) {
        return new RpcException(ErrorCodes.INVALID_PARAMS, "invalid params for " + method + ": " + problem);
    }

    private static String unknown(UnrecognizedPropertyException e) {
        Collection<Object> known = e.getKnownPropertyIds();
        String what = "unknown param `" + e.getPropertyName() + "`";
        if (known == null || known.isEmpty()) {
            return what + " (it takes none)";
        }
        return what + " (it takes "
                + known.stream().map(k -> "`" + k + "`").sorted().collect(Collectors.joining(", ")) + ")";
    }

    private static String mismatched(MismatchedInputException e) {
        String field = path(e.getPath());
        String expected = describe(e.getTargetType());
        if (field.isEmpty()) {
            return "params must be an object";
        }
        return "`" + field + "` must be " + expected;
    }

    /** A number too large for its param (Jackson wraps that with the param's path), or else what does not fit. */
    private static String outOfRange(JsonMappingException e) {
        String field = path(e.getPath());
        if (field.isEmpty()) {
            return "params do not fit";
        }
        if (e.getCause() instanceof InputCoercionException coercion) {
            Class<?> type = coercion.getTargetType();
            boolean isLong = type == Long.class || type == long.class;
            return "`" + field + "` is out of range: it must be an integer from "
                    + (isLong ? Long.MIN_VALUE : Integer.MIN_VALUE) + " to "
                    + (isLong ? Long.MAX_VALUE : Integer.MAX_VALUE);
        }
        return "`" + field + "` does not fit";
    }

    private static String path(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "an integer";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
