package dev.xy.cli;

import dev.xy.core.api.XyApi;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import java.io.PrintWriter;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code xy status NAME}: one server in detail, with why it is in its state and its recent transitions. */
final class StatusCommand extends QueryCommand<Wire.ServerDetail> {
    private final PositionalParamSpec name =
            Model.positional(String.class, "NAME", "The server.").build();

    StatusCommand(XyCommand parent) {
        super(parent, "status", "Show one server in detail, with its recent state changes.");
        spec.addPositional(name);
    }

    @Override
    Wire.ServerDetail ask(XyApi api) throws Exception {
        return api.status(name.getValue());
    }

    @Override
    void describe(Wire.ServerDetail s, PrintWriter out, XyApi api) {
        out.println(
                s.name() + ": " + HumanFormat.state(s.state()) + (s.reason() == null ? "" : " (" + s.reason() + ")"));
        out.println("  ready:      " + HumanFormat.ready(s.ready()));
        out.println("  url:        " + s.url());
        out.println("  pid:        " + HumanFormat.orDash(s.pid()));
        out.println("  port:       " + s.port());
        out.println("  uptime:     " + (s.uptimeSecs() == null ? "-" : HumanFormat.uptime(s.uptimeSecs())));
        out.println("  restarts:   " + s.restartCount());
        out.println("  last exit:  " + HumanFormat.lastExit(s.lastExit()));
        if (s.mcp() != null) {
            Wire.McpInfo mcp = s.mcp();
            // Kept after the process ends (it says what the server is), but then it is what it was, not what it is.
            String when = s.state() == ServerState.RUNNING ? "" : " (when it last ran)";
            out.println("  mcp:        " + mcp.name() + " " + mcp.version() + ", protocol " + mcp.protocolVersion()
                    + ", " + mcp.tools() + (Integer.valueOf(1).equals(mcp.tools()) ? " tool" : " tools") + when);
            if (s.toolNames() != null && !s.toolNames().isEmpty()) {
                out.println("  tools:      " + String.join(", ", s.toolNames()));
            }
        }
        out.println("  config:     " + s.configFile());
        out.println("  log:        " + s.logFile());
        out.println("  recent transitions:");
        for (Wire.TransitionView t : s.recentTransitions()) {
            out.println("    " + HumanFormat.time(t.atUnixMs()) + "  "
                    + HumanFormat.state(t.from()) + " -> " + HumanFormat.state(t.to())
                    + (t.reason() == null ? "" : "  (" + t.reason() + ")"));
        }
    }
}
