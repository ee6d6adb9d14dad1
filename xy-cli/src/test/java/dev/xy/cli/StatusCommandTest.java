package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
    @TempDir
    Path home;

    private String describe(ServerState state) {
        Wire.ServerDetail detail = new Wire.ServerDetail(
                "echo",
                state,
                state == ServerState.RUNNING ? Boolean.TRUE : null,
                state == ServerState.RUNNING ? 4242L : null,
                3101,
                "http://localhost:3101/mcp",
                null,
                0,
                null,
                null,
                new Wire.McpInfo("xy-echo", "1.0.0", "2025-11-25", 1),
                List.of("echo"),
                "/cfg/echo.kdl",
                "/state/echo.log",
                List.of());
        StringWriter text = new StringWriter();
        new StatusCommand(new XyCommand(NoDaemon.pathsIn(home))).describe(detail, new PrintWriter(text, true), null);
        return text.toString();
    }

    @Test
    void theMcpIdentityOfAServerThatIsNotRunningSaysItIsFromWhenItLastRan() {
        assertThat(describe(ServerState.RUNNING))
                .contains("  mcp:        xy-echo 1.0.0, protocol 2025-11-25, 1 tool\n")
                .doesNotContain("last ran");
        assertThat(describe(ServerState.STOPPED))
                .contains("  mcp:        xy-echo 1.0.0, protocol 2025-11-25, 1 tool (when it last ran)\n");
    }
}
