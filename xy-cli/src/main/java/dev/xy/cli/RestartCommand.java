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

/** {@code xy restart NAME...|--all}. */
@Command(name = "restart", description = "Stop servers if they run, then start them again.")
final class RestartCommand implements Callable<Integer> {
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
        JsonNode result = DaemonCall.call(parent.paths().socket(), Methods.RESTART, targets.target());
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            json.print(out, result);
        } else {
            result.path("restarted").forEach(n -> out.println("restarted " + n.asText()));
        }
        return ExitCodes.OK;
    }
}
