package dev.xy.gui.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import org.junit.jupiter.api.Test;

class ColumnTextsTest {
    private static Wire.ServerSummary echo(ServerState state) {
        return new Wire.ServerSummary(
                "echo",
                state,
                null,
                null,
                3101,
                "http://localhost:3101/mcp",
                null,
                0,
                null,
                null,
                new Wire.McpInfo("xy-echo", "1.0.0", "2025-11-25", 1));
    }

    @Test
    void theMcpColumnSaysWhenWhatItShowsIsFromTheLastRun() {
        assertThat(ColumnTexts.mcp(echo(ServerState.RUNNING))).isEqualTo("xy-echo 1.0.0 · 1 tools");
        assertThat(ColumnTexts.mcp(echo(ServerState.STOPPED))).isEqualTo("xy-echo 1.0.0 · 1 tools (last run)");
        assertThat(ColumnTexts.mcp(echo(ServerState.FAILED))).endsWith("(last run)");
    }
}
