package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.rpc.Methods;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code xy start NAME...|--all}. */
@Command(name = "start", description = "Start servers (a manual start also clears a crash loop's count).")
final class StartCommand extends TargetCommand {
    @Override
    String method() {
        return Methods.START;
    }

    @Override
    void describe(JsonNode result, PrintWriter out) {
        result.path("started").forEach(n -> out.println("started " + n.asText()));
        result.path("already_running").forEach(n -> out.println(n.asText() + " is already running"));
    }
}
