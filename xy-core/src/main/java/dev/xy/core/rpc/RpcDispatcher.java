package dev.xy.core.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The JSON-RPC 2.0 session logic for one line: parses it, validates the envelope, answers batches as batches,
 * stays silent for notifications, and dispatches each method to its handler. Knows nothing of sockets.
 */
public final class RpcDispatcher {
    private static final System.Logger LOG = System.getLogger(RpcDispatcher.class.getName());
    /**
     * Reads numbers as written (no doubles), so that an id such as {@code 1e400} or {@code 0.10} is echoed as
     * sent, not as {@code "Infinity"} or {@code 0.1}.
     */
    private static final ObjectReader LINE = Json.STRICT
            .reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    /** One method: takes the {@code params} (an object, or null when absent), returns the result. */
    @FunctionalInterface
    public interface Handler {
        Object handle(JsonNode params, RpcPeer peer) throws RpcException;
    }

    /** About how much of a batch's answer is gathered before it is passed on. */
    static final int BATCH_PIECE_CHARS = 64 * 1024;

    private final Map<String, Handler> handlers;

    public RpcDispatcher(Map<String, Handler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /** The reply line for {@code line}, or empty when there is nothing to answer (notifications only). */
    public Optional<String> handle(String line, RpcPeer peer) {
        StringBuilder answer = new StringBuilder();
        boolean[] answered = {false};
        handle(line, peer, piece -> {
            answered[0] = true;
            answer.append(piece);
        });
        return answered[0] ? Optional.of(answer.toString()) : Optional.empty();
    }

    /**
     * Answers {@code line}, handing the answer to {@code out} in pieces that together make one line (without its
     * newline); nothing at all when there is nothing to answer (notifications only). A batch's answer comes in
     * pieces of about {@link #BATCH_PIECE_CHARS} as its requests are answered, so that the whole answer to a large
     * batch (megabytes, for a line of a thousand {@code status} calls) never has to be held at once.
     */
    public void handle(String line, RpcPeer peer, Consumer<String> out) {
        JsonNode message;
        try {
            message = parse(line);
        } catch (IOException e) {
            String problem = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            out.accept(write(error(NullNode.getInstance(), ErrorCodes.PARSE_ERROR, "parse error: " + problem, null)));
            return;
        }
        if (!message.isArray()) {
            handleOne(message, peer).map(RpcDispatcher::write).ifPresent(out);
            return;
        }
        if (message.isEmpty()) {
            out.accept(write(
                    error(NullNode.getInstance(), ErrorCodes.INVALID_REQUEST, "invalid request: empty batch", null)));
            return;
        }
        BatchAnswer answer = new BatchAnswer(out);
        for (JsonNode request : message) {
            handleOne(request, peer).map(RpcDispatcher::write).ifPresent(answer::add);
        }
        answer.finish();
    }

    /** A batch's answer, passed on in pieces as it grows; no array at all if every request was a notification. */
    private static final class BatchAnswer {
        private final Consumer<String> out;
        private final StringBuilder pending = new StringBuilder();
        private boolean started;

        BatchAnswer(Consumer<String> out) {
            this.out = out;
        }

        void add(String reply) {
            pending.append(started ? ',' : '[').append(reply);
            started = true;
            if (pending.length() >= BATCH_PIECE_CHARS) {
                out.accept(pending.toString());
                pending.setLength(0);
            }
        }

        void finish() {
            if (started) {
                out.accept(pending.append(']').toString());
            }
        }
    }

    /**
     * Exactly one JSON value: anything after it (a second request, junk) makes the line a parse error, rather than
     * being dropped unanswered.
     */
    private static JsonNode parse(String line) throws IOException {
        try (JsonParser parser = LINE.createParser(line)) {
            JsonNode message = LINE.readTree(parser);
            if (message == null || message.isMissingNode()) {
                throw new IOException("empty message");
            }
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON value on the line");
            }
            return message;
        }
    }

    private Optional<ObjectNode> handleOne(JsonNode request, RpcPeer peer) {
        if (!request.isObject()) {
            return Optional.of(error(
                    NullNode.getInstance(), ErrorCodes.INVALID_REQUEST, "invalid request: expected an object", null));
        }
        JsonNode id = request.get("id");
        boolean isNotification = id == null;
        JsonNode replyId =
                id == null || !(id.isTextual() || id.isNumber() || id.isNull()) ? NullNode.getInstance() : id;
        String problem = envelopeProblem(request);
        if (problem != null) {
            return Optional.of(error(replyId, ErrorCodes.INVALID_REQUEST, "invalid request: " + problem, null));
        }
        String method = request.get("method").asText();
        Handler handler = handlers.get(method);
        ObjectNode reply;
        if (handler == null) {
            reply = error(replyId, ErrorCodes.METHOD_NOT_FOUND, "method not found: " + method, null);
        } else {
            reply = call(handler, method, request.get("params"), peer, replyId);
        }
        return isNotification ? Optional.empty() : Optional.of(reply);
    }

    private static String envelopeProblem(JsonNode request) {
        JsonNode version = request.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.asText().equals("2.0")) {
            return "\"jsonrpc\" must be \"2.0\"";
        }
        JsonNode method = request.get("method");
        if (method == null || !method.isTextual()) {
            return "\"method\" must be a string";
        }
        JsonNode id = request.get("id");
        if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
            return "\"id\" must be a string, a number or null";
        }
        JsonNode params = request.get("params");
        if (params != null && !params.isObject() && !params.isArray()) {
            return "\"params\" must be an object or an array";
        }
        return null;
    }

    private static ObjectNode call(Handler handler, String method, JsonNode params, RpcPeer peer, JsonNode id) {
        try {
            if (params != null && params.isArray()) {
                throw new RpcException(
                        ErrorCodes.INVALID_PARAMS, "invalid params: xy methods take named params (an object)");
            }
            Object result = handler.handle(params, peer);
            ObjectNode reply = envelope(id);
            reply.set("result", Json.STRICT.valueToTree(result));
            return reply;
        } catch (RpcException e) {
            return error(id, e.code(), e.getMessage(), e.data());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "method " + method + " failed", e);
            return error(id, ErrorCodes.INTERNAL_ERROR, "internal error: " + e, null);
        }
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode reply = Json.STRICT.createObjectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", id);
        return reply;
    }

    static ObjectNode error(JsonNode id, int code, String message, Object data) {
        ObjectNode reply = envelope(id);
        ObjectNode error = reply.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.set("data", Json.STRICT.valueToTree(data));
        }
        return reply;
    }

    /** A notification line: a request without an id. */
    public static String notification(String method, Object params) {
        ObjectNode message = Json.STRICT.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        message.set("params", Json.STRICT.valueToTree(params));
        return write(message);
    }

    private static String write(JsonNode node) {
        try {
            return Json.STRICT.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
