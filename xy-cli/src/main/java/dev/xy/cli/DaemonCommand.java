package dev.xy.cli;

import dev.xy.core.daemon.Daemon;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.daemon.XyPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code xy daemon}: runs the supervisor in the foreground, or with {@code --detach} in the background. */
final class DaemonCommand implements Callable<Integer> {
    private final XyCommand parent;

    final CommandSpec spec;

    private final OptionSpec configDirOption = Model.option(
                    Path.class, "DIR", "Read server configs from DIR instead.", "--config-dir")
            .build();

    private final OptionSpec detachOption = Model.flag(
            "Start the daemon in the background and return once it answers; print its pid and log.", "--detach");

    DaemonCommand(XyCommand parent) {
        this.parent = parent;
        this.spec = Model.command(
                this,
                "daemon",
                "Run the xy daemon in the foreground: start every autostart server and serve the CLI.",
                "SIGTERM or Ctrl-C stops every server and exits; SIGHUP reloads the configs.",
                "With --detach it runs in the background instead, logging to <state dir>/daemon.log, and this command"
                        + " returns once the daemon answers.",
                "To keep it across reboots, see `xy service install`.");
        spec.addOption(configDirOption);
        spec.addOption(detachOption);
        Model.exitCodes(
                spec,
                "0:stopped cleanly (--detach: the daemon runs and answers)",
                "1:could not start (another daemon runs, socket problem)",
                "3:invalid configs");
    }

    @Override
    public Integer call() throws Exception {
        Path configDir = configDirOption.getValue();
        if (configDir != null && !Files.isDirectory(configDir)) {
            // Named on purpose, so a typo: a daemon with no servers at all would look like it works.
            spec.commandLine()
                    .getErr()
                    .println("xy: --config-dir " + configDir + ": "
                            + (Files.exists(configDir) ? "not a directory" : "no such directory"));
            return ExitCodes.CONFIG_INVALID;
        }
        boolean detach = detachOption.getValue();
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
