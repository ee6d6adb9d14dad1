package dev.xy.core.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 2025 way to reach an MCP server: {@code initialize}, {@code notifications/initialized}, {@code tools/list},
 * then a DELETE of the session the server opened for it, so that probes never pile up sessions on a server.
 * Later requests carry {@code Mcp-Session-Id} (when the server gave one) and {@code MCP-Protocol-Version}.
 */
final class SessionHandshake {
    /** The newest 2025 revision; the probe accepts whatever revision the server answers with. */
    static final String VERSION = "2025-11-25";

    private final McpHttp http;
    private final Duration cleanup;

    /** @param cleanup bounds the DELETE of the session, which is sent even when the probe ran out of time */
    SessionHandshake(McpHttp http, Duration cleanup) {
        this.http = http;
        this.cleanup = cleanup;
    }

    McpIdentity run() throws ProbeFailure {
        ObjectNode params = McpHttp.JSON.createObjectNode().put("protocolVersion", VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", McpProbe.CLIENT_NAME).put("version", McpProbe.CLIENT_VERSION);
        McpHttp.Reply init = http.request("initialize", params, Map.of());
        Optional<String> session = init.sessionId();
        String version = init.result().path("protocolVersion").asText("");
        Map<String, String> headers = new LinkedHashMap<>();
        session.ifPresent(id -> headers.put("Mcp-Session-Id", id));
        if (!version.isBlank()) {
            headers.put("MCP-Protocol-Version", version);
        }
        try {
            if (version.isBlank()) {
                throw McpHttp.notMcp("the result of initialize has no protocolVersion");
            }
            http.notify("notifications/initialized", headers);
            List<String> tools = ToolPages.names((method, p) -> http.request(method, p, headers));
            JsonNode info = init.result().path("serverInfo");
            return new McpIdentity(
                    StatelessDiscovery.text(info, "name"),
                    StatelessDiscovery.text(info, "version"),
                    version,
                    McpEra.HANDSHAKE,
                    tools);
        } finally {
            if (session.isPresent()) {
                http.deleteQuietly(headers, Deadline.after(cleanup));
            }
        }
    }
}
