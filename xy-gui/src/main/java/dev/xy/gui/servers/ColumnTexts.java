package dev.xy.gui.servers;

import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;

/** What the table's text columns say about a server; plain text, no node (so tests need no toolkit). */
final class ColumnTexts {
    private ColumnTexts() {}

    static String ready(Wire.ServerSummary s) {
        return s.ready() == null ? "" : s.ready() ? "ready" : "not ready";
    }

    static String mcp(Wire.ServerSummary s) {
        Wire.McpInfo m = s.mcp();
        if (m == null) {
            return "";
        }
        String who = (m.name() == null ? "" : m.name()) + (m.version() == null ? "" : " " + m.version());
        String what = m.tools() == null ? who.trim() : (who.trim() + " · " + m.tools() + " tools").trim();
        // Kept after the process ends (it says what the server is), but then it is what it was.
        return s.state() == ServerState.RUNNING ? what : what + " (last run)";
    }

    /** Why a server is not simply ready: failing, restarting, not ready yet, or how it stopped. */
    static String why(Wire.ServerSummary s) {
        boolean fine = s.state() == ServerState.RUNNING && !Boolean.FALSE.equals(s.ready());
        boolean passing = s.state() == ServerState.STOPPING;
        return fine || passing || s.reason() == null ? "" : s.reason();
    }
}
