package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.rpc.Methods;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code xy stop NAME...|--all}: returns once the servers' process trees are gone. */
@Command(name = "stop", description = "Stop servers: SIGTERM to the whole process tree, SIGKILL after the grace.")
final class StopCommand implements Callable<Integer> {
    @ParentCommand
    XyCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions targets;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        JsonNode result = DaemonCall.call(parent.paths().socket(), Methods.STOP, targets.target());
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            json.print(out, result);
        } else {
            result.path("stopped").forEach(n -> out.println("stopped " + n.asText()));
            result.path("not_running").forEach(n -> out.println(n.asText() + " was not running"));
        }
        return ExitCodes.OK;
    }
}
