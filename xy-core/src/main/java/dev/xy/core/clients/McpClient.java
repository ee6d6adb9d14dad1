package dev.xy.core.clients;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The MCP clients xy can write a config snippet for, by the name users type ({@code claude-desktop}). */
public enum McpClient {
    GENERIC("generic", "Generic (mcpServers + url)"),
    CLAUDE_DESKTOP("claude-desktop", "Claude Desktop (through mcp-remote)"),
    CLAUDE_CODE("claude-code", "Claude Code (claude mcp add)"),
    CURSOR("cursor", "Cursor"),
    VSCODE("vscode", "VS Code");

    private final String id;
    private final String label;

    McpClient(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    /** How a menu names it. */
    public String label() {
        return label;
    }

    public static Optional<McpClient> byId(String id) {
        return Arrays.stream(values())
                .filter(c -> c.id.equals(id.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
