package dev.xy.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each variant of the example server, in this JVM, over real HTTP. */
class EchoMcpServerVariantsTest {
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"t\",\"version\":\"1\"},"
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<EchoMcpServer> servers = new ArrayList<>();
    private URI endpoint;

    @AfterEach
    void stop() {
        servers.forEach(EchoMcpServer::stop);
    }

    private void start(String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        args.addAll(List.of(flags));
        EchoMcpServer server = new EchoMcpServer(EchoMcpServer.Options.parse(args, null));
        servers.add(server);
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.port() + "/mcp");
    }

    private HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<?, ?> json(String text) {
        return (Map<?, ?>) EchoMcpServer.MiniJson.parse(text);
    }

    @Test
    void optionsComeFromFlagsAndThePortFromArgumentsOrPort() {
        EchoMcpServer.Options options =
                EchoMcpServer.Options.parse(List.of("--sse", "3101", "--die-after", "5", "--host", "::1"), null);
        assertThat(options)
                .isEqualTo(new EchoMcpServer.Options(3101, "::1", true, false, false, false, false, -1, 5, 0));
        assertThat(EchoMcpServer.Options.parse(List.of("--broken-tools-after", "2", "--session-ttl", "3"), "1"))
                .isEqualTo(new EchoMcpServer.Options(1, "127.0.0.1", false, false, false, false, false, 2, 0, 3));
        assertThat(EchoMcpServer.Options.parse(List.of("--broken-tools"), "1").brokenToolsAfter())
                .isZero();
        assertThat(EchoMcpServer.Options.parse(List.of("--mute"), "3102").port())
                .isEqualTo(3102);
        assertThatThrownBy(() -> EchoMcpServer.Options.parse(List.of("--loud"), "1"))
                .hasMessage("unknown flag --loud");
        assertThatThrownBy(() -> EchoMcpServer.Options.parse(List.of(), null)).hasMessageContaining("no port");
    }

    @Test
    void sseAnswersComeAfterAPrimingEventAndANotification() throws Exception {
        start("--sse", "--stateless");

        HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");

        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
        List<String> data = response.body()
                .lines()
                .filter(line -> line.startsWith("data:"))
                .map(line -> line.substring(5).trim())
                .toList();
        assertThat(data).hasSize(3);
        assertThat(data.get(0)).isEmpty();
        assertThat(json(data.get(1)).get("method")).isEqualTo("notifications/message");
        Map<?, ?> answer = json(data.get(2));
        assertThat(answer.get("id")).isEqualTo(7L);
        assertThat(answer.get("result")).isEqualTo(Map.of());
    }

    @Test
    void aStatelessServerOpensNoSessionAndNeedsNone() throws Exception {
        start("--stateless");

        HttpResponse<String> init = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
        HttpResponse<String> tools = post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");

        assertThat(init.headers().firstValue("Mcp-Session-Id")).isEmpty();
        assertThat(tools.body()).contains("\"name\":\"echo\"");
        assertThat(post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"server/discover\"}")
                        .body())
                .contains("\"code\":-32601");
    }

    @Test
    void theStatelessEraWantsItsHeadersAndMeta() throws Exception {
        start("--discover");
        String discover = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{" + META + "}}";

        HttpResponse<String> noHeaders = post(discover);
        HttpResponse<String> noMeta = post(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{}}",
                "MCP-Protocol-Version",
                "2026-07-28",
                "Mcp-Method",
                "server/discover");
        HttpResponse<String> wrongMethodHeader =
                post(discover, "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/list");
        HttpResponse<String> ok = post(discover, "MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "server/discover");

        assertThat(noHeaders.statusCode()).isEqualTo(400);
        assertThat(noHeaders.body()).contains("-32020");
        assertThat(noMeta.statusCode()).isEqualTo(400);
        assertThat(noMeta.body()).contains("-32602", "io.modelcontextprotocol/clientInfo");
        assertThat(wrongMethodHeader.statusCode()).isEqualTo(400);
        Map<?, ?> result = (Map<?, ?>) json(ok.body()).get("result");
        assertThat(result.get("supportedVersions")).isEqualTo(List.of("2026-07-28"));
        assertThat(((Map<?, ?>) result.get("_meta")).get("io.modelcontextprotocol/serverInfo"))
                .isEqualTo(Map.of("name", "xy-echo", "version", "1.0.0"));
        HttpResponse<String> tools = post(
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{" + META + "}}",
                "MCP-Protocol-Version",
                "2026-07-28",
                "Mcp-Method",
                "tools/list");
        assertThat(tools.body()).contains("\"name\":\"echo\"");
        // 2025 clients still get the handshake, without a session.
        HttpResponse<String> init = post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":{}}");
        assertThat(init.statusCode()).isEqualTo(200);
        assertThat(init.headers().firstValue("Mcp-Session-Id")).isEmpty();
    }

    @Test
    void rejectLegacyRefusesTheHandshakeNamingTheSupportedVersion() throws Exception {
        start("--discover", "--reject-legacy");

        HttpResponse<String> init = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");

        assertThat(init.statusCode()).isEqualTo(400);
        Map<?, ?> error = (Map<?, ?>) json(init.body()).get("error");
        assertThat(error.get("code")).isEqualTo(-32022L);
        assertThat(error.get("data")).isEqualTo(Map.of("supported", List.of("2026-07-28")));
    }

    @Test
    void brokenToolsFailOnlyToolsList() throws Exception {
        start("--broken-tools", "--stateless");

        assertThat(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")
                        .body())
                .contains("\"serverInfo\"");
        Map<?, ?> tools = json(
                post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").body());
        assertThat(((Map<?, ?>) tools.get("error")).get("code")).isEqualTo(-32603L);
    }

    @Test
    void toolsListCanBreakAfterAnsweringSomeTimes() throws Exception {
        start("--broken-tools-after", "2", "--stateless");
        String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

        assertThat(post(list).body()).contains("\"name\":\"echo\"");
        assertThat(post(list).body()).contains("\"name\":\"echo\"");
        Map<?, ?> third = (Map<?, ?>) json(post(list).body()).get("error");
        assertThat(third.get("message")).isEqualTo("tools are broken on purpose (--broken-tools-after 2)");
    }

    @Test
    void aMuteServerNeverAnswers() throws Exception {
        start("--mute");
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMillis(500))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();

        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }
}
