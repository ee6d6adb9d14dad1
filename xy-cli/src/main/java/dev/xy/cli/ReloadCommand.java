package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.rpc.Methods;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code xy reload}: re-read the configs and apply the difference. */
@Command(
        name = "reload",
        description = {
            "Re-read the config directory and apply the difference.",
            "If any config is invalid nothing changes, and every problem is printed (exit 3)."
        })
final class ReloadCommand extends ClientCommand {
    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        JsonNode result = request(Methods.RELOAD, null);
        PrintWriter out = out();
        if (json.json) {
            json.print(out, result);
            return ExitCodes.OK;
        }
        for (String kind : new String[] {"added", "removed", "changed", "unchanged"}) {
            JsonNode names = result.path(kind);
            StringBuilder line = new StringBuilder(kind + ": " + names.size());
            if (!names.isEmpty() && !kind.equals("unchanged")) {
                line.append(" (");
                names.forEach(n -> line.append(n.asText()).append(", "));
                line.setLength(line.length() - 2);
                line.append(')');
            }
            out.println(line);
        }
        return ExitCodes.OK;
    }
}
