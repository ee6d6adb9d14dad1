package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.daemon.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;

/** {@code start}, {@code stop}, {@code restart}: one method applied to {@code NAME...} or {@code --all}. */
abstract class TargetCommand extends ClientCommand {
    @Mixin
    TargetOptions targets;

    @Mixin
    JsonOption json;

    /** The protocol method. */
    abstract String method();

    /** The human view of the result. */
    abstract void describe(JsonNode result, PrintWriter out);

    @Override
    public Integer call() throws Exception {
        JsonNode result = request(method(), targets.target());
        if (json.json) {
            json.print(out(), result);
        } else {
            describe(result, out());
        }
        return ExitCodes.OK;
    }
}
