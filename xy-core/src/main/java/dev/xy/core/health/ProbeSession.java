package dev.xy.core.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A session that a probe opened with the 2025 handshake, as later checks reuse it: where it lives, what names
 * it on the wire, and how many checks have used it.
 *
 * @param port and {@code path}: the endpoint it was opened at; a session belongs to its endpoint
 * @param id the {@code Mcp-Session-Id} the server gave; empty for a server that keeps no sessions
 * @param protocolVersion the revision the server answered {@code initialize} with; blank when it named none
 * @param uses the periodic checks that have used it so far
 */
record ProbeSession(int port, String path, Optional<String> id, String protocolVersion, int uses) {
    /** The headers every request after {@code initialize} carries. */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        id.ifPresent(value -> headers.put("Mcp-Session-Id", value));
        if (!protocolVersion.isBlank()) {
            headers.put("MCP-Protocol-Version", protocolVersion);
        }
        return headers;
    }

    boolean isAt(int otherPort, String otherPath) {
        return port == otherPort && path.equals(otherPath);
    }

    /** The same session, after one more check used it. */
    ProbeSession used() {
        return new ProbeSession(port, path, id, protocolVersion, uses + 1);
    }

    /**
     * Ends it on the server with a DELETE, within the deadline; failures are ignored (a server that allows no
     * DELETE, or is gone). A session without an id is nothing the server holds: nothing to end.
     */
    void end(Deadline deadline) {
        if (id.isPresent()) {
            new McpHttp(new LocalHttp(new LoopbackConnector(port)), path, deadline).deleteQuietly(headers(), deadline);
        }
    }
}
