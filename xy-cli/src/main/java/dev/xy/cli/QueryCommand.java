package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.daemon.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;

/** A command that asks the daemon one thing and shows the answer: as is with {@code --json}, else for people. */
abstract class QueryCommand extends ClientCommand {
    @Mixin
    JsonOption json;

    /** The request to the daemon. */
    abstract JsonNode ask() throws Exception;

    /** The human view of the result. */
    abstract void describe(JsonNode result, PrintWriter out);

    @Override
    public Integer call() throws Exception {
        JsonNode result = ask();
        if (json.json) {
            json.print(out(), result);
        } else {
            describe(result, out());
        }
        return ExitCodes.OK;
    }
}
