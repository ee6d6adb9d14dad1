package dev.xy.core.health;

/** Which generation of MCP's HTTP transport a server speaks, as far as a probe needs to tell them apart. */
public enum McpEra {
    /**
     * The stateless 2026-07-28 revision: no {@code initialize} and no session; {@code server/discover} names the
     * server, and every request carries its version, client info and capabilities in {@code _meta}.
     */
    STATELESS("stateless"),
    /** The 2025 revisions: an {@code initialize} handshake, usually with an {@code Mcp-Session-Id}. */
    HANDSHAKE("handshake");

    private final String wireName;

    McpEra(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the protocol and in messages. */
    public String wireName() {
        return wireName;
    }
}
