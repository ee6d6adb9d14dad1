package dev.xy.core.rpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The JSON configurations of the protocol. Both write snake_case names, leave absent fields out and write enums
 * in lowercase ({@code "running"}). They differ in what they accept: the daemon is {@link #STRICT} about what
 * clients send, a client is {@link #LENIENT} about what a daemon answers, so that a newer daemon that adds a field
 * or a state does not break an older client.
 */
public final class Json {
    /** For what the daemon accepts: unknown fields, nulls for primitives and type coercions are refused. */
    public static final ObjectMapper STRICT = strict();

    /** For what a client accepts: unknown fields are ignored and unknown enum values read as null. */
    public static final ObjectMapper LENIENT = base().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .build();

    private Json() {}

    private static JsonMapper.Builder base() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
                .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(SerializationFeature.INDENT_OUTPUT);
    }

    private static ObjectMapper strict() {
        JsonMapper mapper = base().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        // Jackson turns 42 into "42" and "true" into true by default; a client sending the wrong type should
        // hear so, not be guessed at.
        for (LogicalType type : new LogicalType[] {
            LogicalType.Textual,
            LogicalType.Integer,
            LogicalType.Boolean,
            LogicalType.Float,
            LogicalType.Collection,
            LogicalType.POJO,
            LogicalType.Enum
        }) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        return mapper;
    }
}
