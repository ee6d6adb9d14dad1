package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.rpc.Methods;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code xy stop NAME...|--all}: returns once the servers' process trees are gone. */
@Command(name = "stop", description = "Stop servers: SIGTERM to the whole process tree, SIGKILL after the grace.")
final class StopCommand extends TargetCommand {
    @Override
    String method() {
        return Methods.STOP;
    }

    @Override
    void describe(JsonNode result, PrintWriter out) {
        result.path("stopped").forEach(n -> out.println("stopped " + n.asText()));
        result.path("not_running").forEach(n -> out.println(n.asText() + " was not running"));
    }
}
