package dev.xy.cli;

import dev.xy.core.daemon.Daemon;
import dev.xy.core.daemon.XyPaths;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code xy daemon}: runs the supervisor in the foreground. */
@Command(
        name = "daemon",
        description = {
            "Run the xy daemon in the foreground: start every autostart server and serve the CLI.",
            "SIGTERM or Ctrl-C stops every server and exits; SIGHUP reloads the configs."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped cleanly",
            "1:could not start (another daemon runs, socket problem)",
            "3:invalid configs"
        })
final class DaemonCommand implements Callable<Integer> {
    @ParentCommand
    XyCommand parent;

    @Option(names = "--config-dir", paramLabel = "DIR", description = "Read server configs from DIR instead.")
    Path configDir;

    @Override
    public Integer call() {
        XyPaths paths = configDir == null ? parent.paths() : parent.paths().withConfigDir(configDir.toAbsolutePath());
        return new Daemon(paths, System.err).run();
    }
}
