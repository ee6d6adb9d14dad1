package dev.xy.core.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds the JSON-RPC response to one request in an HTTP answer, which Streamable HTTP allows to be a JSON body
 * (one message or a batch) or an event stream carrying the response among requests and notifications from the
 * server. Reading stops at the response, so a stream the server keeps open does not hold the probe.
 */
final class JsonRpcAnswers {
    private JsonRpcAnswers() {}

    static JsonNode responseTo(HttpAnswer answer, long id, String method) throws IOException, ProbeFailure {
        String type = answer.mediaType();
        if (type.equals("text/event-stream")) {
            SseEvents events = new SseEvents(answer.body());
            Optional<String> data;
            while ((data = events.next()).isPresent()) {
                Optional<JsonNode> response = match(parse(data.get(), method), id);
                if (response.isPresent()) {
                    return response.get();
                }
            }
            throw McpHttp.notMcp("the event stream ended without an answer to " + method);
        }
        if (!type.equals("application/json") && !type.endsWith("+json")) {
            String got = type.isEmpty() ? "no Content-Type" : "Content-Type " + type;
            throw McpHttp.notMcp(method + " was answered with " + got + " (HTTP " + answer.status() + ")");
        }
        String body = new String(answer.body().readAllBytes(), StandardCharsets.UTF_8);
        return match(parse(body, method), id)
                .orElseThrow(() -> McpHttp.notMcp("the answer to " + method + " is not its JSON-RPC response"));
    }

    /** {@code message (code N)}, from a JSON-RPC error object. */
    static String describe(JsonNode error) {
        String message = error.path("message").asText("").trim();
        JsonNode code = error.get("code");
        String text = message.isEmpty() ? "an error without a message" : message;
        return code == null ? text : text + " (code " + code.asText() + ")";
    }

    private static JsonNode parse(String text, String method) throws ProbeFailure {
        try {
            return McpHttp.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw McpHttp.notMcp("the answer to " + method + " is not JSON: \"" + HttpHead.printable(text) + "\"");
        }
    }

    /**
     * The response with this id, in a message or a batch; numbers and strings of the same digits both match. An
     * error with a null id counts too: it is a server saying it could not read the request well enough to know.
     */
    private static Optional<JsonNode> match(JsonNode message, long id) {
        if (message.isArray()) {
            for (JsonNode element : message) {
                Optional<JsonNode> found = match(element, id);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        boolean isResponse = message.isObject() && (message.has("result") || message.has("error"));
        JsonNode got = message.path("id");
        boolean sameId =
                got.isIntegralNumber() ? got.asLong() == id : got.asText().equals(Long.toString(id));
        boolean unattributedError = message.has("error") && got.isNull();
        return isResponse && (sameId || unattributedError) ? Optional.of(message) : Optional.empty();
    }
}
