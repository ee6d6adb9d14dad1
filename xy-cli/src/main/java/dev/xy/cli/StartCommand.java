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

/** {@code xy start NAME...|--all}. */
@Command(name = "start", description = "Start servers (a manual start also clears a crash loop's count).")
final class StartCommand implements Callable<Integer> {
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
        JsonNode result = DaemonCall.call(parent.paths().socket(), Methods.START, targets.target());
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            json.print(out, result);
        } else {
            result.path("started").forEach(n -> out.println("started " + n.asText()));
            result.path("already_running").forEach(n -> out.println(n.asText() + " is already running"));
        }
        return ExitCodes.OK;
    }
}
