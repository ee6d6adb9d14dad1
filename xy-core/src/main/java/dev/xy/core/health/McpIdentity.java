package dev.xy.core.health;

import java.util.List;
import java.util.Objects;

/**
 * What an MCP server says about itself, taken from its own answers: the identity xy shows for a ready server.
 *
 * @param name the server's name ({@code serverInfo.name}), {@code unknown} when it gives none
 * @param version the server's version ({@code serverInfo.version}), {@code unknown} when it gives none
 * @param protocolVersion the MCP revision spoken, such as {@code 2025-11-25} or {@code 2026-07-28}
 * @param era how the probe reached it: stateless discovery or the handshake
 * @param tools the names of its tools, in the server's order
 */
public record McpIdentity(String name, String version, String protocolVersion, McpEra era, List<String> tools) {
    public McpIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(era, "era");
        tools = List.copyOf(tools);
    }

    /** The same server with a fresh list of tools, as a periodic check sees it. */
    public McpIdentity withTools(List<String> newTools) {
        return new McpIdentity(name, version, protocolVersion, era, newTools);
    }
}
