package dev.xy.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.ErrorData;
import dev.xy.core.rpc.Json;
import dev.xy.core.rpc.Methods;
import dev.xy.core.rpc.Wire;
import dev.xy.core.rpc.WireCodec;
import dev.xy.core.rpc.WireSamples;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Envelope} against the way this client read every line before it: the whole line as a databind tree, read
 * through {@code has}, {@code path}, {@code asText}, {@code asLong}, {@code asInt} and {@code convertValue}.
 */
class EnvelopeTest {
    private static final int[] CODES = {
        ErrorCodes.SERVER_NOT_FOUND,
        ErrorCodes.CONFIG_INVALID,
        ErrorCodes.SPAWN_FAILED,
        ErrorCodes.PORT_CONFLICT,
        ErrorCodes.NOT_RUNNING,
        ErrorCodes.INVALID_PARAMS,
        -32050
    };

    private final WireSamples samples = new WireSamples(21);
    private final Random random = new Random(22);
    /** Whether the line being made has anything in it that a daemon would not send. */
    private boolean odd;

    /** What the client saw of a line's envelope, then and now. */
    private record View(
            boolean notification,
            String method,
            boolean hasId,
            long id,
            boolean idIsNull,
            boolean error,
            int code,
            String message) {
        static View of(JsonNode line) {
            JsonNode error = line.get("error");
            return new View(
                    line.has("method"),
                    line.path("method").asText(),
                    line.has("id"),
                    line.has("id") ? line.get("id").asLong() : 0,
                    line.path("id").isNull(),
                    error != null,
                    error == null
                            ? ErrorCodes.INTERNAL_ERROR
                            : error.path("code").asInt(ErrorCodes.INTERNAL_ERROR),
                    error == null ? "" : error.path("message").asText());
        }

        static View of(Envelope line) {
            return new View(
                    line.isNotification(),
                    line.method(),
                    line.hasId(),
                    line.id(),
                    line.idIsNull(),
                    line.isError(),
                    line.errorCode(),
                    line.errorMessage());
        }
    }

    /** Reads {@code line} both ways; true when the envelope read it without databind. */
    static boolean readsAsATree(String line, Type payloadType) throws Exception {
        JsonNode tree;
        try {
            tree = Json.LENIENT.readTree(line);
        } catch (IOException broken) {
            assertThatThrownBy(() -> Envelope.read(line)).as(line).isInstanceOf(IOException.class);
            return false;
        }
        Envelope envelope = Envelope.read(line);
        assertThat(View.of(envelope)).as(line).isEqualTo(View.of(tree));
        assertThat(envelope.subscriptionId())
                .as(line)
                .isEqualTo(tree.path("params").path("subscription_id").asText());
        for (String field : List.of("result", "params")) {
            Object expected;
            try {
                expected = Json.LENIENT.convertValue(
                        tree.path(field), Json.LENIENT.getTypeFactory().constructType(payloadType));
            } catch (IllegalArgumentException refused) {
                assertThatThrownBy(() -> envelope.payload(field, payloadType))
                        .as(line)
                        .isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            assertThat(envelope.payload(field, payloadType)).as(line).isEqualTo(expected);
        }
        JsonNode error = tree.get("error");
        int code = View.of(tree).code();
        assertThat(envelope.errorData())
                .as(line)
                .isEqualTo(error == null ? null : ErrorData.decode(code, error.get("data")));
        return envelope.isPlain();
    }

    private JsonNode sample(Type type) {
        JsonNode value = Json.LENIENT.valueToTree(samples.value(type));
        if (random.nextInt(4) == 0) {
            odd = true;
            return samples.damage(value);
        }
        return value;
    }

    private ObjectNode reply(Type type) {
        ObjectNode line = Json.LENIENT.createObjectNode().put("jsonrpc", "2.0").put("id", random.nextInt(1000));
        if (random.nextInt(4) == 0) {
            int code = CODES[random.nextInt(CODES.length)];
            ObjectNode error = line.putObject("error").put("code", code).put("message", "something went wrong");
            Type dataType = ErrorData.type(code);
            if (random.nextBoolean()) {
                odd |= dataType == null; // data for a code that carries none: kept raw, as a tree
                error.set("data", dataType == null ? samples.anyJson(2) : sample(dataType));
            }
        } else {
            line.set("result", sample(type));
        }
        return line;
    }

    private ObjectNode notification(Type type) {
        String[] methods = {Methods.STATE, Methods.LOG, Methods.LOG_END, "something_new"};
        ObjectNode line = Json.LENIENT.createObjectNode().put("jsonrpc", "2.0");
        line.put("method", methods[random.nextInt(methods.length)]);
        line.set("params", sample(type));
        return line;
    }

    @Test
    void everyLineReadsAsTheWholeTreeReadIt() throws Exception {
        List<Type> types = new ArrayList<>();
        for (Class<?> record : WireSamples.wireRecords()) {
            types.add(record);
            types.add(WireCodec.listOf(record));
        }
        for (Type type : types) {
            for (int i = 0; i < 100; i++) {
                odd = false;
                JsonNode line = random.nextBoolean() ? reply(type) : notification(type);
                if (random.nextInt(3) == 0) {
                    odd = true;
                    line = samples.damage(line);
                }
                String text = odd ? samples.text(line) : line.toString();
                boolean plain = readsAsATree(text, type);
                if (!odd) {
                    assertThat(plain).as("%s read without databind", text).isTrue();
                }
            }
        }
    }

    @Test
    void whatADaemonSendsIsReadWithoutDatabind() throws Exception {
        String[] lines = {
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"daemon\":\"0.1.0\",\"protocol\":1}}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32001,\"message\":\"no server named x\","
                    + "\"data\":[\"x\"]}}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32005,\"message\":\"a is not running\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"log\",\"params\":{\"subscription_id\":\"s1\",\"name\":\"a\","
                    + "\"stream\":\"stdout\",\"line\":\"hi\",\"ts_unix_ms\":1}}",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}"
        };
        for (String line : lines) {
            assertThat(readsAsATree(line, Wire.VersionResult.class)).as(line).isTrue();
        }
    }

    @Test
    void oddLinesReadAsTheWholeTreeReadThem() throws Exception {
        String[] lines = {
            "",
            "   ",
            "[]",
            "5",
            "\"x\"",
            "null",
            "{",
            "{}",
            "{\"id\":1} trailing",
            "{\"id\":1}{\"id\":2}",
            "{\"id\":\"7\",\"result\":{}}",
            "{\"id\":7.5,\"result\":{}}",
            "{\"id\":99999999999999999999}",
            "{\"id\":1,\"id\":2,\"result\":{}}",
            "{\"id\":1,\"result\":{},\"result\":null}",
            "{\"method\":null,\"params\":{\"subscription_id\":\"s\"}}",
            "{\"method\":5}",
            "{\"method\":\"log\",\"params\":{\"subscription_id\":7}}",
            "{\"method\":\"log\",\"params\":{\"subscription_id\":null}}",
            "{\"method\":\"log\",\"params\":{\"subscription_id\":\"a\",\"subscription_id\":\"b\"}}",
            "{\"method\":\"log\",\"params\":[1]}",
            "{\"method\":\"log\",\"params\":\"s\"}",
            "{\"method\":\"log\"}",
            "{\"id\":1,\"error\":null}",
            "{\"id\":1,\"error\":\"boom\"}",
            "{\"id\":1,\"error\":{}}",
            "{\"id\":1,\"error\":{\"code\":\"-32001\",\"message\":5,\"data\":[\"x\"]}}",
            "{\"id\":1,\"error\":{\"code\":-32001.0,\"data\":\"x\"}}",
            "{\"id\":1,\"error\":{\"code\":-32001,\"data\":[\"x\"],\"data\":[\"y\"]}}",
            "{\"id\":1,\"error\":{\"code\":-32006,\"data\":{\"started\":\"a\"}}}",
            "{\"id\":1,\"error\":{\"code\":-32003,\"data\":[{\"file\":\"f\",\"line\":\"3\"}]}}",
            "{\"id\":1,\"error\":{\"code\":-32003,\"message\":\"m\",\"data\":null}}",
            "{\"id\":null,\"result\":{}}",
            "{\"id\":1,\"result\":{\"protocol\":\"1\"}}"
        };
        for (String line : lines) {
            readsAsATree(line, Wire.VersionResult.class);
        }
    }

    /** The request line as the client wrote it with databind. */
    private static String treeRequest(long id, String method, Object params) throws Exception {
        ObjectNode request = Json.LENIENT.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        if (params != null) {
            request.set("params", Json.LENIENT.valueToTree(params));
        }
        return Json.LENIENT.writeValueAsString(request);
    }

    @Test
    void requestsAreWrittenAsTheTreeWroteThem() throws Exception {
        for (Class<?> record : WireSamples.wireRecords()) {
            if (record == Wire.NoParams.class) {
                continue; // databind refuses to write a record without properties; no client sends one
            }
            for (int i = 0; i < 100; i++) {
                Object params = samples.value(record);
                long id = random.nextLong();
                assertThat(RpcConnection.request(id, Methods.START, params))
                        .isEqualTo(treeRequest(id, Methods.START, params));
            }
        }
        assertThat(RpcConnection.request(1, Methods.LIST, null)).isEqualTo(treeRequest(1, Methods.LIST, null));
    }
}
