package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.rpc.Methods;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code xy reload}: re-read the configs and apply the difference. */
@Command(
        name = "reload",
        description = {
            "Re-read the config directory and apply the difference.",
            "If any config is invalid nothing changes, and every problem is printed (exit 3)."
        })
final class ReloadCommand extends QueryCommand {
    @Override
    JsonNode ask() throws Exception {
        return request(Methods.RELOAD, null);
    }

    @Override
    void describe(JsonNode result, PrintWriter out) {
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
    }
}
