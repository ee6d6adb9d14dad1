package dev.xy.cli;

import dev.xy.core.api.XyApi;
import dev.xy.core.rpc.Wire;
import java.io.PrintWriter;
import picocli.CommandLine.Model.OptionSpec;

/** {@code xy start NAME...|--all}: returns once each server is ready, or has failed. */
final class StartCommand extends TargetCommand<Wire.StartResult> {
    private final OptionSpec noWait =
            Model.flag("Return once the processes are spawned, without waiting for ready.", "--no-wait");

    StartCommand(XyCommand parent) {
        super(
                parent,
                "start",
                "Start servers and wait until each is ready (or has failed, with the reason).",
                "A manual start also clears a crash loop's count.");
        spec.addOption(noWait);
    }

    @Override
    Wire.StartResult act(XyApi api, Wire.Target target) throws Exception {
        boolean returnEarly = noWait.getValue();
        return api.start(returnEarly ? target.noWait() : target);
    }

    @Override
    void describe(Wire.StartResult result, PrintWriter out, XyApi api) {
        describePartial(new Wire.StartFailure(result.started(), result.alreadyRunning(), java.util.List.of()), out);
    }

    @Override
    String started(String name) {
        return noWait.<Boolean>getValue() ? spawned("starting", name) : super.started(name);
    }
}
