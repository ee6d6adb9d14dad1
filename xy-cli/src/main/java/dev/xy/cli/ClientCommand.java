package dev.xy.cli;

import dev.xy.core.client.DaemonClient;
import dev.xy.core.daemon.XyPaths;
import dev.xy.core.ipc.DaemonUnreachableException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subcommand that asks the daemon something, through {@link dev.xy.core.api.XyApi} like every front end.
 * Failures reach {@link ErrorReporter} as exceptions.
 */
abstract class ClientCommand implements Callable<Integer> {
    @ParentCommand
    XyCommand parent;

    @Spec
    CommandSpec spec;

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
