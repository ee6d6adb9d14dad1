package dev.xy.core.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientConfigsTest {
    private static final List<ClientConfigs.Endpoint> TWO = List.of(
            new ClientConfigs.Endpoint("echo", "http://localhost:3101/mcp"),
            new ClientConfigs.Endpoint("everything", "http://localhost:3001/mcp"));

    private static JsonNode json(McpClient client) throws Exception {
        return new ObjectMapper().readTree(ClientConfigs.render(client, TWO));
    }

    @Test
    void genericAndCursorListUrlsUnderMcpServers() throws Exception {
        for (McpClient client : List.of(McpClient.GENERIC, McpClient.CURSOR)) {
            assertThat(json(client).toString())
                    .isEqualTo("{\"mcpServers\":{\"echo\":{\"url\":\"http://localhost:3101/mcp\"},"
                            + "\"everything\":{\"url\":\"http://localhost:3001/mcp\"}}}");
        }
    }

    @Test
    void vscodeUsesServersWithTypeHttp() throws Exception {
        assertThat(json(McpClient.VSCODE).path("servers").path("echo").toString())
                .isEqualTo("{\"type\":\"http\",\"url\":\"http://localhost:3101/mcp\"}");
    }

    @Test
    void claudeDesktopGoesThroughMcpRemote() throws Exception {
        assertThat(json(McpClient.CLAUDE_DESKTOP)
                        .path("mcpServers")
                        .path("echo")
                        .toString())
                .isEqualTo("{\"command\":\"npx\",\"args\":[\"-y\",\"mcp-remote\",\"http://localhost:3101/mcp\"]}");
    }

    @Test
    void claudeCodeIsOneCommandPerServer() {
        assertThat(ClientConfigs.render(McpClient.CLAUDE_CODE, TWO))
                .isEqualTo("claude mcp add --transport http echo http://localhost:3101/mcp\n"
                        + "claude mcp add --transport http everything http://localhost:3001/mcp\n");
    }

    @Test
    void clientsAreFoundByTheNameUsersType() {
        assertThat(McpClient.byId("Claude-Desktop")).contains(McpClient.CLAUDE_DESKTOP);
        assertThat(McpClient.byId("emacs")).isEmpty();
    }
}
