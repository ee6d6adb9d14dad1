package dev.xy.core.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 2026-07-28 (stateless) way to reach an MCP server: {@code server/discover}, then {@code tools/list}, each
 * request carrying the {@code MCP-Protocol-Version} and {@code Mcp-Method} headers and, in {@code params._meta},
 * the protocol version, client info and client capabilities that the handshake used to establish once.
 */
final class StatelessDiscovery {
    static final String VERSION = "2026-07-28";
    private static final String META = "io.modelcontextprotocol/";

    /** What {@code server/discover} says. */
    record ServerInfo(String name, String version) {}

    private final McpHttp http;

    StatelessDiscovery(McpHttp http) {
        this.http = http;
    }

    /**
     * Asks the server who it is.
     *
     * @return empty when the server does not speak this revision (an HTTP error, a JSON-RPC error such as "Server
     *     not initialized", a timeout, or a list of versions without this one): worth the handshake instead
     * @throws ProbeFailure only when nothing listens on the port
     */
    Optional<ServerInfo> discover() throws ProbeFailure {
        JsonNode result;
        try {
            result = call("server/discover", McpHttp.JSON.createObjectNode()).result();
        } catch (ProbeFailure e) {
            if (e.kind() == ProbeFailure.Kind.NOTHING_LISTENS) {
                throw e;
            }
            return Optional.empty();
        }
        JsonNode versions = result.path("supportedVersions");
        List<String> supported = new ArrayList<>();
        versions.forEach(v -> supported.add(v.asText()));
        if (!supported.contains(VERSION)) {
            return Optional.empty();
        }
        JsonNode info = result.path("_meta").path(META + "serverInfo");
        if (!info.isObject()) {
            info = result.path("serverInfo");
        }
        return Optional.of(new ServerInfo(text(info, "name"), text(info, "version")));
    }

    List<String> toolNames() throws ProbeFailure {
        return ToolPages.names(this::call);
    }

    private McpHttp.Reply call(String method, ObjectNode params) throws ProbeFailure {
        ObjectNode meta = params.putObject("_meta");
        meta.put(META + "protocolVersion", VERSION);
        meta.putObject(META + "clientInfo").put("name", McpProbe.CLIENT_NAME).put("version", McpProbe.CLIENT_VERSION);
        meta.putObject(META + "clientCapabilities");
        return http.request(method, params, Map.of("MCP-Protocol-Version", VERSION, "Mcp-Method", method));
    }

    static String text(JsonNode info, String field) {
        String value = info.path(field).asText("");
        return value.isBlank() ? "unknown" : value;
    }
}
