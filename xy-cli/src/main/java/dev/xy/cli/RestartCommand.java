package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.rpc.Methods;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code xy restart NAME...|--all}: returns once the new processes run. */
@Command(name = "restart", description = "Stop servers if they run, then start them again.")
final class RestartCommand extends TargetCommand {
    @Override
    String method() {
        return Methods.RESTART;
    }

    @Override
    void describe(JsonNode result, PrintWriter out) {
        result.path("restarted").forEach(n -> out.println("restarted " + n.asText()));
    }
}
