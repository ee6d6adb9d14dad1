package dev.xy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example server speaks enough MCP over real HTTP for a client to initialize, list and call its tool. */
class EchoMcpServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private EchoMcpServer server;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        server = new EchoMcpServer(0);
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.port() + "/mcp");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> post(String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<?, ?> body(HttpResponse<String> response) {
        return (Map<?, ?>) EchoMcpServer.MiniJson.parse(response.body());
    }

    @Test
    void requestsWithoutASessionAreRefused() throws Exception {
        HttpResponse<String> response = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void unknownToolsAndMethodsAreJsonRpcErrors() throws Exception {
        String session = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")
                .headers()
                .firstValue("Mcp-Session-Id")
                .orElseThrow();
        Map<?, ?> tool = body(
                post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"rm\"}}"));
        assertThat(((Map<?, ?>) tool.get("error")).get("code")).isEqualTo(-32602L);
        Map<?, ?> method = body(post(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/list\"}"));
        assertThat(((Map<?, ?>) method.get("error")).get("code")).isEqualTo(-32601L);
    }

    @Test
    void aClientCanInitializeListAndCallEchoThenEndItsSession() throws Exception {
        HttpResponse<String> init = post(
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        assertThat(init.statusCode()).isEqualTo(200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        Map<?, ?> result = (Map<?, ?>) ((Map<?, ?>) EchoMcpServer.MiniJson.parse(init.body())).get("result");
        assertThat(result.get("protocolVersion")).isEqualTo("2025-03-26");

        assertThat(post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                        .statusCode())
                .isEqualTo(202);
        assertThat(post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                        .body())
                .contains("\"name\":\"echo\"");
        Map<?, ?> call = body(post(
                session,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi \\\"there\\\"\"}}}"));
        Map<?, ?> content = (Map<?, ?>) ((java.util.List<?>) ((Map<?, ?>) call.get("result")).get("content")).get(0);
        assertThat(content.get("text")).isEqualTo("hi \"there\"");
        assertThat(post(session, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}")
                        .body())
                .contains("\"result\":{}");

        HttpResponse<String> delete = http.send(
                HttpRequest.newBuilder(endpoint)
                        .header("Mcp-Session-Id", session)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(200);
        assertThat(post(session, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}")
                        .statusCode())
                .isEqualTo(404);
    }
}
