package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.rpc.Methods;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code xy list}: every server with its state. */
@Command(name = "list", description = "Show every server and its state.")
final class ListCommand extends ClientCommand {
    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        JsonNode servers = request(Methods.LIST, null);
        PrintWriter out = out();
        if (json.json) {
            json.print(out, servers);
            return ExitCodes.OK;
        }
        if (servers.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println("no servers configured (put <name>.kdl files in " + paths().configDir()
                            + ", then `xy reload`)");
            return ExitCodes.OK;
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
        return ExitCodes.OK;
    }
}
