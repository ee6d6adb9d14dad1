package dev.xy.cli;

import dev.xy.core.api.XyApi;
import dev.xy.core.rpc.Wire;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xy start NAME...|--all}: returns once each server is ready, or has failed. */
@Command(
        name = "start",
        description = {
            "Start servers and wait until each is ready (or has failed, with the reason).",
            "A manual start also clears a crash loop's count."
        })
final class StartCommand extends TargetCommand<Wire.StartResult> {
    @Option(names = "--no-wait", description = "Return once the processes are spawned, without waiting for ready.")
    boolean noWait;

    @Override
    Wire.StartResult act(XyApi api, Wire.Target target) throws Exception {
        return api.start(noWait ? target.noWait() : target);
    }

    @Override
    void describe(Wire.StartResult result, PrintWriter out, XyApi api) {
        describePartial(new Wire.StartFailure(result.started(), result.alreadyRunning(), java.util.List.of()), out);
    }
}
