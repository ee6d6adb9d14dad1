package dev.xy.cli;

import dev.xy.core.client.DaemonClient;
import dev.xy.core.daemon.DaemonLock;
import dev.xy.core.daemon.XyPaths;
import dev.xy.core.ipc.DaemonUnreachableException;
import java.io.PrintWriter;
import java.util.Optional;
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

    /** A connection to the daemon; {@link DaemonUnreachableException} when none answers. */
    DaemonClient connect() throws DaemonUnreachableException {
        try {
            return DaemonClient.connect(paths().socket());
        } catch (DaemonUnreachableException nobody) {
            // A daemon between taking the lock and serving, or between closing the socket and exiting: telling
            // the user to start one would only get "another xy daemon is already running".
            Optional<Long> holder = DaemonLock.namedHolder(paths().stateDir().resolve(DaemonLock.FILE_NAME));
            throw holder.isPresent() ? nobody.heldBy(holder.get()) : nobody;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
