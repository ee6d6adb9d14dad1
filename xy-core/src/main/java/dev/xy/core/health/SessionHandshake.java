package dev.xy.core.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 2025 way to reach an MCP server: {@code initialize}, {@code notifications/initialized}, {@code tools/list}.
 * Later requests carry {@code Mcp-Session-Id} (when the server gave one) and {@code MCP-Protocol-Version}. The
 * session a passing handshake opened is kept for the periodic checks ({@link KeptSession}); any other is DELETEd
 * at once, so that probes never pile up sessions on a server.
 */
final class SessionHandshake {
    /** The newest 2025 revision; the probe accepts whatever revision the server answers with. */
    static final String VERSION = "2025-11-25";

    private final McpHttp http;
    private final Duration cleanup;
    private final KeptSession kept;

    /**
     * @param cleanup bounds the DELETE of a session that is not kept, which is sent even when the probe ran out
     *     of time
     */
    SessionHandshake(McpHttp http, Duration cleanup, KeptSession kept) {
        this.http = http;
        this.cleanup = cleanup;
        this.kept = kept;
    }

    /** The whole handshake. A session kept from before (a readiness probe finds none) is ended first. */
    McpIdentity run() throws ProbeFailure {
        kept.take().ifPresent(old -> old.end(http.deadline().within(cleanup)));
        ObjectNode params = McpHttp.JSON.createObjectNode().put("protocolVersion", VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", McpProbe.CLIENT_NAME).put("version", McpProbe.CLIENT_VERSION);
        McpHttp.Reply init = http.request("initialize", params, Map.of());
        String version = init.result().path("protocolVersion").asText("");
        ProbeSession session = new ProbeSession(http.port(), http.path(), init.sessionId(), version, 0);
        boolean passed = false;
        try {
            if (version.isBlank()) {
                throw McpHttp.notMcp("the result of initialize has no protocolVersion");
            }
            http.notify("notifications/initialized", session.headers());
            List<String> tools = tools(session);
            JsonNode info = init.result().path("serverInfo");
            passed = true;
            return new McpIdentity(
                    StatelessDiscovery.text(info, "name"),
                    StatelessDiscovery.text(info, "version"),
                    version,
                    McpEra.HANDSHAKE,
                    tools);
        } finally {
            keepOrEnd(session, passed);
        }
    }

    /**
     * A periodic check of a server found ready as {@code known}: one {@code tools/list} on the kept session. When
     * the server refuses that session (it expired it, lost it, or was never asked with one), a new handshake
     * within this same check, and its session is kept instead. Without a kept session, the handshake.
     */
    McpIdentity check(McpIdentity known) throws ProbeFailure {
        Optional<ProbeSession> taken = kept.take();
        if (taken.isEmpty()) {
            return run();
        }
        ProbeSession session = taken.get();
        if (!session.isAt(http.port(), http.path())) {
            // A reload moved the endpoint: the old session is of no more use.
            session.end(http.deadline().within(cleanup));
            return run();
        }
        int refusal = 0;
        try {
            return known.withTools(tools(session));
        } catch (ProbeFailure e) {
            refusal = refusesSession(e) ? e.httpStatus() : 0;
            if (refusal == 0) {
                throw e;
            }
        } finally {
            if (refusal == 0) {
                keepOrEnd(session.used(), true);
            }
        }
        if (session.id().isEmpty()) {
            kept.refuseBareChecks();
        } else if (refusal != 404) {
            // 404 is the specification's "this session is over"; a server that refuses it some other way (the
            // reference server says 400) may still hold it.
            session.end(http.deadline().within(cleanup));
        }
        return run();
    }

    /**
     * An HTTP client error (4xx) to a request on a kept session: the server refused the session rather than
     * failing the method, which would be a JSON-RPC error. The specification says 404 for a session the server
     * has ended; the reference server answers 400 for one it does not know, some servers 401.
     */
    private static boolean refusesSession(ProbeFailure e) {
        return e.httpStatus() >= 400 && e.httpStatus() < 500;
    }

    private List<String> tools(ProbeSession session) throws ProbeFailure {
        return ToolPages.names((method, p) -> http.request(method, p, session.headers()));
    }

    private void keepOrEnd(ProbeSession session, boolean keep) {
        if (!keep || !kept.offer(session)) {
            end(session);
        }
    }

    private void end(ProbeSession session) {
        session.end(Deadline.after(cleanup));
    }
}
