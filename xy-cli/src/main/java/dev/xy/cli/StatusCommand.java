package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.rpc.Methods;
import dev.xy.core.rpc.Wire;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code xy status NAME}: one server in detail, with its recent transitions. */
@Command(name = "status", description = "Show one server in detail, with its recent state changes.")
final class StatusCommand extends QueryCommand {
    @Parameters(paramLabel = "NAME", description = "The server.")
    String name;

    @Override
    JsonNode ask() throws Exception {
        return request(Methods.STATUS, new Wire.NameParams(name));
    }

    @Override
    void describe(JsonNode s, PrintWriter out) {
        out.println(s.path("name").asText() + ": " + s.path("state").asText());
        out.println("  pid:        " + HumanFormat.orDash(s.get("pid")));
        out.println("  port:       " + s.path("port").asText());
        out.println("  uptime:     "
                + (s.has("uptime_secs")
                        ? HumanFormat.uptime(s.get("uptime_secs").asLong())
                        : "-"));
        out.println("  restarts:   " + s.path("restart_count").asText());
        out.println("  last exit:  " + HumanFormat.lastExit(s.get("last_exit")));
        out.println("  recent transitions:");
        for (JsonNode t : s.path("recent_transitions")) {
            out.println("    " + HumanFormat.time(t.path("at_unix_ms").asLong()) + "  "
                    + t.path("from").asText() + " -> " + t.path("to").asText()
                    + (t.has("reason") ? "  (" + t.get("reason").asText() + ")" : ""));
        }
    }
}
