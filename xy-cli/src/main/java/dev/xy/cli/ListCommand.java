package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.rpc.Methods;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code xy list}: every server with its state. */
@Command(name = "list", description = "Show every server and its state.")
final class ListCommand extends QueryCommand {
    @Override
    JsonNode ask() throws Exception {
        return request(Methods.LIST, null);
    }

    @Override
    void describe(JsonNode servers, PrintWriter out) {
        if (servers.isEmpty()) {
            err().println("no servers configured (put <name>.kdl files in " + paths().configDir()
                    + ", then `xy reload`)");
            return;
        }
        Table table = new Table("NAME", "STATE", "PID", "PORT", "UPTIME", "RESTARTS", "LAST-EXIT");
        for (JsonNode s : servers) {
            table.add(
                    s.path("name").asText(),
                    s.path("state").asText(),
                    HumanFormat.orDash(s.get("pid")),
                    s.path("port").asText(),
                    s.has("uptime_secs")
                            ? HumanFormat.uptime(s.get("uptime_secs").asLong())
                            : "-",
                    s.path("restart_count").asText(),
                    HumanFormat.lastExit(s.get("last_exit")));
        }
        table.print(out);
    }
}
