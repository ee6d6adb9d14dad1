package dev.xy.cli;

import dev.xy.core.api.XyApi;
import dev.xy.core.rpc.Wire;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code xy stop NAME...|--all}: returns once the servers' process trees are gone. */
@Command(name = "stop", description = "Stop servers: SIGTERM to the whole process tree, SIGKILL after the grace.")
final class StopCommand extends TargetCommand<Wire.StopResult> {
    @Override
    Wire.StopResult act(XyApi api, Wire.Target target) throws Exception {
        return api.stop(target);
    }

    @Override
    void describe(Wire.StopResult result, PrintWriter out, XyApi api) {
        result.stopped().forEach(name -> out.println("stopped " + name));
        result.notRunning().forEach(name -> out.println(name + " was not running"));
    }
}
