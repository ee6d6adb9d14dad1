package dev.xy.core.health;

import static dev.xy.core.health.ScriptedHttpServer.response;
import static dev.xy.core.health.ScriptedHttpServer.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The MCP probe on the wire: the exact requests it sends, and answers from servers that no MCP library would
 * produce (not HTTP, HTML, endless streams, huge bodies, chunked JSON, SSE with CRLF and split data lines).
 */
class McpProbeWireIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String NOT_INITIALIZED =
            "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32000,\"message\":\"Bad Request: Server not initialized\"},"
                    + "\"id\":null}";

    private static String failure(ProbeOutcome outcome) {
        assertThat(outcome).isInstanceOf(ProbeOutcome.Failed.class);
        return ((ProbeOutcome.Failed) outcome).reason();
    }

    private static String chunked(String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i += 7) {
            String piece = body.substring(i, Math.min(body.length(), i + 7));
            out.append(Integer.toHexString(piece.length()))
                    .append(";ext=1\r\n")
                    .append(piece)
                    .append("\r\n");
        }
        return out.append("0\r\nTrailer: x\r\n\r\n").toString();
    }

    /** A 2025 server answering in the odd but valid ways: chunked JSON, CRLF SSE, split data, pages, 405. */
    private static void oddButValid(ScriptedHttpServer.Request request, java.io.OutputStream out)
            throws java.io.IOException {
        switch (request.rpcMethod()) {
            case "server/discover" -> write(out, response(400, "application/json", NOT_INITIALIZED));
            case "initialize" -> write(
                    out,
                    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                            + "Mcp-Session-Id: s-1\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + chunked("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"protocolVersion\":\"2025-06-18\","
                                    + "\"capabilities\":{},\"serverInfo\":{\"name\":\"odd\",\"version\":\"0.9\"}}}"));
            case "notifications/initialized" -> write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
            case "tools/list" -> {
                boolean second = request.body().contains("\"cursor\":\"p2\"");
                String result = second
                        ? "{\"tools\":[{\"name\":\"c\"}]}"
                        : "{\"tools\":[{\"name\":\"a\"},\n{\"name\":\"b\"}],\"nextCursor\":\"p2\"}";
                String id = second ? "4" : "3";
                // A request from the server with the same id comes first: it is not the answer.
                String stream = ": comment\r\nretry: 1000\r\n\r\n"
                        + "data: {\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"roots/list\"}\r\n\r\n"
                        + "event: message\r\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + id + ",\r\ndata: \"result\":"
                        + result.replace("\n", "\r\ndata: ") + "}\r\n\r\n";
                write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n" + stream);
            }
            default -> write(out, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
        }
    }

    @Test
    void oddButValidAnswersAreUnderstoodAndEveryRequestIsAsTheSpecSays() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(McpProbeWireIT::oddButValid)) {
            ProbeOutcome outcome = McpProbe.probe(server.port(), "/mcp", TIMEOUT);

            assertThat(outcome)
                    .isEqualTo(ProbeOutcome.passed(
                            new McpIdentity("odd", "0.9", "2025-06-18", McpEra.HANDSHAKE, List.of("a", "b", "c"))));
            List<ScriptedHttpServer.Request> requests = server.requests;
            assertThat(requests)
                    .extracting(ScriptedHttpServer.Request::rpcMethod)
                    .containsExactly(
                            "server/discover",
                            "initialize",
                            "notifications/initialized",
                            "tools/list",
                            "tools/list",
                            "DELETE");
            for (ScriptedHttpServer.Request request : requests) {
                assertThat(request.headers()).containsEntry("host", "localhost:" + server.port());
            }
            ScriptedHttpServer.Request discover = requests.get(0);
            assertThat(discover.line()).isEqualTo("POST /mcp HTTP/1.1");
            assertThat(discover.headers())
                    .containsEntry("accept", "application/json, text/event-stream")
                    .containsEntry("content-type", "application/json")
                    .containsEntry("mcp-protocol-version", "2026-07-28")
                    .containsEntry("mcp-method", "server/discover");
            assertThat(discover.body())
                    .contains(
                            "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"",
                            "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"xy-probe\",\"version\":",
                            "\"io.modelcontextprotocol/clientCapabilities\":{}");
            ScriptedHttpServer.Request initialize = requests.get(1);
            assertThat(initialize.headers()).doesNotContainKeys("mcp-session-id", "mcp-protocol-version");
            assertThat(initialize.body())
                    .contains("\"protocolVersion\":\"2025-11-25\"", "\"clientInfo\":{\"name\":\"xy-probe\"");
            for (ScriptedHttpServer.Request later : requests.subList(2, requests.size())) {
                assertThat(later.headers())
                        .containsEntry("mcp-session-id", "s-1")
                        .containsEntry("mcp-protocol-version", "2025-06-18");
            }
            assertThat(requests.get(5).line()).isEqualTo("DELETE /mcp HTTP/1.1");
        }
    }

    @Test
    void somethingThatIsNotHttpIsNotAnMcpAnswer() throws Exception {
        try (ScriptedHttpServer server =
                new ScriptedHttpServer((request, out) -> write(out, "SSH-2.0-OpenSSH_9.2\r\n"))) {
            assertThat(failure(McpProbe.probe(server.port(), "/mcp", TIMEOUT)))
                    .isEqualTo("not an MCP answer: not HTTP: \"SSH-2.0-OpenSSH_9.2\"");
        }
    }

    @Test
    void anHtmlPageIsNotAnMcpAnswer() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(
                (request, out) -> write(out, response(200, "text/html", "<html>hello</html>")))) {
            assertThat(failure(McpProbe.probe(server.port(), "/mcp", TIMEOUT)))
                    .isEqualTo("not an MCP answer: initialize was answered with Content-Type text/html (HTTP 200)");
        }
    }

    @Test
    void anHttpErrorCarriesTheServersOwnMessage() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(
                (request, out) -> write(out, response(400, "application/json", NOT_INITIALIZED)))) {
            assertThat(failure(McpProbe.probe(server.port(), "/mcp", TIMEOUT)))
                    .isEqualTo("initialize: HTTP 400: Bad Request: Server not initialized (code -32000)");
        }
    }

    @Test
    void anEventStreamThatNeverEndsNorAnswersTimesOut() throws Exception {
        ScriptedHttpServer.PacedResponder trickle = (request, out, connection) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n");
            // One comment every 50 ms until the client hangs up (or 30 s pass): never an answer.
            for (int i = 0; i < 600; i++) {
                write(out, ": still here\n\n");
                out.flush();
                if (ScriptedHttpServer.hungUp(connection, 50)) {
                    return;
                }
            }
        };
        try (ScriptedHttpServer server = new ScriptedHttpServer(trickle)) {
            long start = System.nanoTime();
            String reason = failure(McpProbe.probe(server.port(), "/mcp", Duration.ofSeconds(1)));

            assertThat(reason).isEqualTo("initialize: timed out after 1s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aHugeAnswerIsCutOffNotRead() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 20000000\r\n\r\n[");
            byte[] filler = "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",".repeat(1000).getBytes();
            for (int i = 0; i < 600; i++) {
                out.write(filler);
            }
        })) {
            assertThat(failure(McpProbe.probe(server.port(), "/mcp", Duration.ofSeconds(5))))
                    .isEqualTo("not an MCP answer: the answer is larger than the 4 MiB a probe reads");
        }
    }
}
