package dev.xy.cli;

import dev.xy.core.api.XyApi;
import dev.xy.core.rpc.Wire;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xy restart NAME...|--all}: returns once each new process is ready, or has failed. */
@Command(name = "restart", description = "Stop servers if they run, then start them again and wait until ready.")
final class RestartCommand extends TargetCommand<Wire.RestartResult> {
    @Option(names = "--no-wait", description = "Return once the new processes are spawned, without waiting for ready.")
    boolean noWait;

    @Override
    Wire.RestartResult act(XyApi api, Wire.Target target) throws Exception {
        return api.restart(noWait ? target.noWait() : target);
    }

    @Override
    void describe(Wire.RestartResult result, PrintWriter out, XyApi api) {
        result.restarted().forEach(name -> out.println("restarted " + name));
    }

    @Override
    void describePartial(Wire.StartFailure partial, PrintWriter out) {
        partial.started().forEach(name -> out.println("restarted " + name));
    }
}
