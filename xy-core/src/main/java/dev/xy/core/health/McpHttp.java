package dev.xy.core.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC over MCP's Streamable HTTP transport, as far as a probe needs it: POST a request and read its
 * response from a JSON body or an event stream, POST a notification, DELETE a session. Every failure becomes a
 * {@link ProbeFailure} whose reason names the step.
 */
final class McpHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The answer to a request: its {@code result}, and the session id header when the server sent one. */
    record Reply(JsonNode result, Optional<String> sessionId) {}

    private final LocalHttp http;
    private final String path;
    private final Deadline deadline;
    /** Shared with copies {@link #within} another deadline, so that ids stay unique through one probe. */
    private final AtomicLong ids;

    McpHttp(LocalHttp http, String path, Deadline deadline) {
        this(http, path, deadline, new AtomicLong());
    }

    private McpHttp(LocalHttp http, String path, Deadline deadline, AtomicLong ids) {
        this.http = http;
        this.path = path;
        this.deadline = deadline;
        this.ids = ids;
    }

    int port() {
        return http.port();
    }

    String path() {
        return path;
    }

    Deadline deadline() {
        return deadline;
    }

    /** The same connection settings, bounded by another deadline. */
    McpHttp within(Deadline other) {
        return new McpHttp(http, path, other, ids);
    }

    Reply request(String method, ObjectNode params, Map<String, String> headers) throws ProbeFailure {
        long id = ids.incrementAndGet();
        ObjectNode message =
                JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        message.set("params", params);
        try (HttpAnswer answer = post(message, headers)) {
            failOnHttpError(method, answer);
            JsonNode response = JsonRpcAnswers.responseTo(answer, id, method);
            JsonNode error = response.get("error");
            if (error != null) {
                throw new ProbeFailure(
                        ProbeFailure.Kind.REFUSED, method + " failed: " + JsonRpcAnswers.describe(error));
            }
            JsonNode result = response.get("result");
            if (result == null || !result.isObject()) {
                throw notMcp("the answer to " + method + " has no result object");
            }
            return new Reply(result, answer.header("mcp-session-id"));
        } catch (IOException e) {
            throw failure(method, e);
        }
    }

    void notify(String method, Map<String, String> headers) throws ProbeFailure {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        try (HttpAnswer answer = post(message, headers)) {
            failOnHttpError(method, answer);
        } catch (IOException e) {
            throw failure(method, e);
        }
    }

    /**
     * Ends a session, within its own deadline so that a probe that ran out of time still cleans up; failures are
     * ignored, since the probe's outcome is already known.
     */
    void deleteQuietly(Map<String, String> headers, Deadline cleanup) {
        try (HttpAnswer answer = http.send("DELETE", path, headers, null, cleanup)) {
            answer.body().readNBytes(1024);
        } catch (IOException ignored) {
            // A server that allows no DELETE (405) or is gone: nothing more a probe can do.
        }
    }

    private HttpAnswer post(ObjectNode message, Map<String, String> extra) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        headers.put("User-Agent", "xy-probe/" + McpProbe.CLIENT_VERSION);
        headers.putAll(extra);
        byte[] body = JSON.writeValueAsString(message).getBytes(StandardCharsets.UTF_8);
        return http.send("POST", path, headers, body, deadline);
    }

    private void failOnHttpError(String method, HttpAnswer answer) throws IOException, ProbeFailure {
        int status = answer.status();
        if (status < 300) {
            return;
        }
        if (status == 404) {
            throw new ProbeFailure(ProbeFailure.Kind.REFUSED, "HTTP 404 at " + path, status);
        }
        String detail = errorDetail(answer).map(d -> ": " + d).orElse("");
        throw new ProbeFailure(ProbeFailure.Kind.REFUSED, method + ": HTTP " + status + detail, status);
    }

    /** The JSON-RPC error message in an HTTP error's body, or its first text, when it has either. */
    private static Optional<String> errorDetail(HttpAnswer answer) {
        try {
            InputStream body = answer.body();
            String text = new String(body.readNBytes(16 * 1024), StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            try {
                JsonNode error = JSON.readTree(text).path("error");
                if (error.isObject()) {
                    return Optional.of(JsonRpcAnswers.describe(error));
                }
            } catch (IOException notJson) {
                // Plain text or HTML: show its start.
            }
            return Optional.of(looksLikeHtml(text) ? htmlPage(text) : HttpHead.printable(text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean looksLikeHtml(String text) {
        String start = text.substring(0, Math.min(text.length(), 64)).toLowerCase(java.util.Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head");
    }

    /** An HTML error page said by its title: markup in a one-line reason helps nobody. */
    private static String htmlPage(String html) {
        java.util.regex.Matcher title = java.util.regex.Pattern.compile(
                        "<title[^>]*>(.*?)</title>",
                        java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL)
                .matcher(html);
        return title.find()
                ? "an HTML page \"" + HttpHead.printable(title.group(1).trim()) + "\""
                : "an HTML page";
    }

    private ProbeFailure failure(String method, IOException e) {
        if (e instanceof ConnectException) {
            return new ProbeFailure(ProbeFailure.Kind.NOTHING_LISTENS, "nothing listens on " + http.port());
        }
        if (e instanceof SocketTimeoutException) {
            return new ProbeFailure(
                    ProbeFailure.Kind.TIMED_OUT, method + ": timed out after " + deadline.describeTotal());
        }
        if (e instanceof ProtocolException) {
            return notMcp(e.getMessage());
        }
        return new ProbeFailure(ProbeFailure.Kind.REFUSED, method + ": " + e.getMessage());
    }

    static ProbeFailure notMcp(String detail) {
        return new ProbeFailure(ProbeFailure.Kind.REFUSED, "not an MCP answer: " + detail);
    }
}
