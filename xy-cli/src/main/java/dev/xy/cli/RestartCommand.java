package dev.xy.cli;

import dev.xy.core.api.XyApi;
import dev.xy.core.rpc.Wire;
import java.io.PrintWriter;
import picocli.CommandLine.Model.OptionSpec;

/** {@code xy restart NAME...|--all}: returns once each new process is ready, or has failed. */
final class RestartCommand extends TargetCommand<Wire.RestartResult> {
    private final OptionSpec noWait =
            Model.flag("Return once the new processes are spawned, without waiting for ready.", "--no-wait");

    RestartCommand(XyCommand parent) {
        super(parent, "restart", "Stop servers if they run, then start them again and wait until ready.");
        spec.addOption(noWait);
    }

    @Override
    Wire.RestartResult act(XyApi api, Wire.Target target) throws Exception {
        boolean returnEarly = noWait.getValue();
        return api.restart(returnEarly ? target.noWait() : target);
    }

    @Override
    void describe(Wire.RestartResult result, PrintWriter out, XyApi api) {
        result.restarted().forEach(name -> out.println(started(name)));
    }

    @Override
    void describePartial(Wire.StartFailure partial, PrintWriter out) {
        partial.started().forEach(name -> out.println(started(name)));
    }

    @Override
    String started(String name) {
        return noWait.<Boolean>getValue() ? spawned("restarting", name) : "restarted " + name;
    }
}
