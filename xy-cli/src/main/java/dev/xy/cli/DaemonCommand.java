package dev.xy.cli;

import dev.xy.core.daemon.Daemon;
import dev.xy.core.daemon.XyPaths;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code xy daemon}: runs the supervisor in the foreground, or with {@code --detach} in the background. */
@Command(
        name = "daemon",
        description = {
            "Run the xy daemon in the foreground: start every autostart server and serve the CLI.",
            "SIGTERM or Ctrl-C stops every server and exits; SIGHUP reloads the configs.",
            "With --detach it runs in the background instead, logging to <state dir>/daemon.log, and this command"
                    + " returns once the daemon answers.",
            "To keep it across reboots, see `xy service install`."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped cleanly (--detach: the daemon runs and answers)",
            "1:could not start (another daemon runs, socket problem)",
            "3:invalid configs"
        })
final class DaemonCommand implements Callable<Integer> {
    @ParentCommand
    XyCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--config-dir", paramLabel = "DIR", description = "Read server configs from DIR instead.")
    Path configDir;

    @Option(
            names = "--detach",
            description = "Start the daemon in the background and return once it answers; print its pid and log.")
    boolean detach;

    @Override
    public Integer call() throws Exception {
        if (detach) {
            DetachedDaemon daemon = new DetachedDaemon(
                    parent.paths(),
                    Optional.ofNullable(configDir),
                    DaemonLaunch.current(),
                    DetachedDaemon.READY_TIMEOUT);
            return daemon.start(spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        XyPaths paths = configDir == null ? parent.paths() : parent.paths().withConfigDir(configDir.toAbsolutePath());
        return new Daemon(paths, System.err).run();
    }
}
