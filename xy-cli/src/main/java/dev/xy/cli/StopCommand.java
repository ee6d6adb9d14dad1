package dev.xy.cli;

import dev.xy.core.api.XyApi;
import dev.xy.core.rpc.Wire;
import java.io.PrintWriter;

/** {@code xy stop NAME...|--all}: returns once the servers' process trees are gone. */
final class StopCommand extends TargetCommand<Wire.StopResult> {
    StopCommand(XyCommand parent) {
        super(parent, "stop", "Stop servers: SIGTERM to the whole process tree, SIGKILL after the grace.");
    }

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
