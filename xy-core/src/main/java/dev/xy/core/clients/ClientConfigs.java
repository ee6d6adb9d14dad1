package dev.xy.core.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an MCP client needs in its config to reach xy's servers, as text to paste: JSON in the client's own
 * shape, or commands for clients configured by a command. xy prints it; it never rewrites a client's file.
 */
public final class ClientConfigs {
    /** One server as a client reaches it. */
    public record Endpoint(String name, String url) {}

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ClientConfigs() {}

    public static String render(McpClient client, List<Endpoint> endpoints) {
        return switch (client) {
            case CLAUDE_CODE -> endpoints.stream()
                    .map(e -> "claude mcp add --transport http " + e.name() + " " + e.url())
                    .collect(Collectors.joining("\n", "", endpoints.isEmpty() ? "" : "\n"));
            case GENERIC, CURSOR -> json("mcpServers", endpoints, (entry, e) -> entry.put("url", e.url()));
            case VSCODE -> json("servers", endpoints, (entry, e) -> entry.put("type", "http")
                    .put("url", e.url()));
                // Claude Desktop ignores url-only entries: mcp-remote bridges its stdio to the server's HTTP.
            case CLAUDE_DESKTOP -> json("mcpServers", endpoints, (entry, e) -> {
                entry.put("command", "npx");
                entry.putArray("args").add("-y").add("mcp-remote").add(e.url());
            });
        };
    }

    private interface EntryWriter {
        void write(ObjectNode entry, Endpoint endpoint);
    }

    private static String json(String key, List<Endpoint> endpoints, EntryWriter writer) {
        ObjectNode root = PRETTY.createObjectNode();
        ObjectNode servers = root.putObject(key);
        for (Endpoint endpoint : endpoints) {
            writer.write(servers.putObject(endpoint.name()), endpoint);
        }
        try {
            return PRETTY.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
