package dev.xy.cli;

import dev.xy.core.api.XyApi;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import java.io.PrintWriter;

/**
 * {@code start}, {@code stop}, {@code restart}: one action on {@code NAME...} or {@code --all}. When some
 * servers fail, the others' outcome is still told before the failures.
 */
abstract class TargetCommand<T> extends QueryCommand<T> {
    private final TargetOptions targets;

    TargetCommand(XyCommand parent, String name, String... description) {
        super(parent, name, description);
        targets = new TargetOptions(spec);
    }

    abstract T act(XyApi api, Wire.Target target) throws Exception;

    @Override
    T ask(XyApi api) throws Exception {
        return act(api, targets.target());
    }

    @Override
    public Integer call() throws Exception {
        try {
            return super.call();
        } catch (RpcException e) {
            if (!json.given()) {
                e.startFailure().ifPresent(partial -> describePartial(partial, out()));
            }
            throw e;
        }
    }

    /** What did happen to the servers that did not fail; {@link ErrorReporter} names the failures. */
    void describePartial(Wire.StartFailure partial, PrintWriter out) {
        partial.started().forEach(name -> out.println(started(name)));
        partial.alreadyRunning().forEach(name -> out.println(name + " is already running"));
    }

    /** How a server that this command started is said. */
    String started(String name) {
        return "started " + name;
    }

    /** Without waiting for ready, a process is only spawned: the line must not claim more. */
    static String spawned(String doing, String name) {
        return doing + " " + name + " (spawned; not waiting until ready)";
    }
}
