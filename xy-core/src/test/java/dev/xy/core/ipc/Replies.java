package dev.xy.core.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Iterator;
import java.util.Set;

/**
 * What JSON-RPC 2.0 demands of every response, checked to the letter: an object with {@code "jsonrpc":"2.0"}, the
 * request's {@code id} (or null when it could not be read), and exactly one of {@code result} and {@code error};
 * an error has an integer {@code code}, a string {@code message} and optionally {@code data}, nothing else.
 */
final class Replies {
    private static final Set<String> RESPONSE_FIELDS = Set.of("jsonrpc", "id", "result", "error");
    private static final Set<String> ERROR_FIELDS = Set.of("code", "message", "data");

    private Replies() {}

    /** {@code reply} is a well-formed response (result or error) carrying {@code id}. */
    static void assertResponse(JsonNode reply, JsonNode id) {
        assertThat(reply.isObject()).as("a response is an object: %s", reply).isTrue();
        for (Iterator<String> names = reply.fieldNames(); names.hasNext(); ) {
            assertThat(RESPONSE_FIELDS).as("fields of %s", reply).contains(names.next());
        }
        assertThat(reply.path("jsonrpc").isTextual()
                        && reply.path("jsonrpc").asText().equals("2.0"))
                .as("\"jsonrpc\":\"2.0\" in %s", reply)
                .isTrue();
        assertThat(reply.has("id")).as("an id in %s", reply).isTrue();
        assertSameId(reply.get("id"), id, reply);
        assertThat(reply.has("result") ^ reply.has("error"))
                .as("exactly one of result and error in %s", reply)
                .isTrue();
        if (reply.has("error")) {
            JsonNode error = reply.get("error");
            assertThat(error.isObject()).as("error is an object in %s", reply).isTrue();
            for (Iterator<String> names = error.fieldNames(); names.hasNext(); ) {
                assertThat(ERROR_FIELDS).as("fields of the error in %s", reply).contains(names.next());
            }
            assertThat(error.path("code").isIntegralNumber())
                    .as("an integer code in %s", reply)
                    .isTrue();
            assertThat(error.path("message").isTextual())
                    .as("a string message in %s", reply)
                    .isTrue();
            assertThat(error.path("message").asText())
                    .as("a message in %s", reply)
                    .isNotBlank();
        }
    }

    /** A well-formed result for {@code id}; returns the result. */
    static JsonNode assertResult(JsonNode reply, JsonNode id) {
        assertResponse(reply, id);
        assertThat(reply.has("result")).as("a result, not an error: %s", reply).isTrue();
        return reply.get("result");
    }

    /** A well-formed error with {@code code} for {@code id}; returns its message. */
    static String assertError(JsonNode reply, JsonNode id, int code) {
        assertResponse(reply, id);
        assertThat(reply.has("error")).as("an error, not a result: %s", reply).isTrue();
        assertThat(reply.get("error").get("code").asInt())
                .as("the error code of %s", reply)
                .isEqualTo(code);
        return reply.get("error").get("message").asText();
    }

    /** A notification from the daemon: {@code jsonrpc}, {@code method}, object {@code params}, no id. */
    static void assertNotification(JsonNode message) {
        assertThat(message.path("jsonrpc").asText())
                .as("jsonrpc of %s", message)
                .isEqualTo("2.0");
        assertThat(message.has("id"))
                .as("a notification has no id: %s", message)
                .isFalse();
        assertThat(message.path("method").isTextual())
                .as("method of %s", message)
                .isTrue();
        assertThat(message.path("params").isObject())
                .as("params of %s", message)
                .isTrue();
    }

    static JsonNode nullId() {
        return NullNode.getInstance();
    }

    static JsonNode id(Object value) {
        return RawClient.EXACT.valueToTree(value);
    }

    /** Ids are equal as JSON values: the same string, or the same number however it was written. */
    private static void assertSameId(JsonNode actual, JsonNode expected, JsonNode reply) {
        if (expected.isNumber() && actual.isNumber()) {
            assertThat(actual.decimalValue().compareTo(expected.decimalValue()))
                    .as("the id of %s is %s", reply, expected)
                    .isZero();
        } else {
            assertThat(actual).as("the id of %s", reply).isEqualTo(expected);
        }
    }
}
