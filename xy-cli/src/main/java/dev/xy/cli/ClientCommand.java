package dev.xy.cli;

import dev.xy.core.client.DaemonClient;
import dev.xy.core.daemon.XyPaths;
import dev.xy.core.ipc.DaemonUnreachableException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A subcommand that asks the daemon something, through {@link dev.xy.core.api.XyApi} like every front end.
 * Failures reach {@link ErrorReporter} as exceptions.
 */
abstract class ClientCommand implements Callable<Integer> {
    final XyCommand parent;

    /** This command's model; subclasses add their options and parameters to it. */
    final CommandSpec spec;

    ClientCommand(XyCommand parent, String name, String... description) {
        this.parent = parent;
        this.spec = Model.command(this, name, description);
    }

    XyPaths paths() {
        return parent.paths();
    }

    /** A connection to the daemon; {@link DaemonUnreachableException} when none runs. */
    DaemonClient connect() throws DaemonUnreachableException {
        return DaemonClient.connect(paths().socket());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
