package dev.xy.cli;

import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.daemon.XyPaths;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code xy} command: a supervisor for local HTTP MCP servers. Subcommands do the work. Its standard help
 * options are inherited by every subcommand, so {@code xy <anything> --help} prints that command's usage.
 */
@Command(
        name = "xy",
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps your local HTTP MCP servers running and visible.",
        subcommands = {
            DaemonCommand.class,
            ListCommand.class,
            StatusCommand.class,
            StartCommand.class,
            StopCommand.class,
            RestartCommand.class,
            ReloadCommand.class,
            LogsCommand.class,
            ClientConfigCommand.class,
            ValidateCommand.class,
            CompletionCommand.class,
            ServiceCommand.class,
            CommandLine.HelpCommand.class
        })
public final class XyCommand implements Runnable {
    private final XyPaths paths;
    private final Map<String, String> environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public XyCommand(XyPaths paths) {
        this(paths, System.getenv());
    }

    public XyCommand(XyPaths paths, Map<String, String> environment) {
        this.paths = paths;
        this.environment = Map.copyOf(environment);
    }

    XyPaths paths() {
        return paths;
    }

    /** The environment xy runs in (the real one, or a test's): where to find commands, homes and XDG dirs. */
    Map<String, String> environment() {
        return environment;
    }

    /** The user's home: {@code $HOME} when it is absolute, else the JVM's idea of it. */
    Path home() {
        String home = environment.get("HOME");
        return home != null && Path.of(home).isAbsolute() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line wired the way {@code main} runs it; tests use it with their own streams. */
    public static CommandLine commandLine(XyPaths paths) {
        return commandLine(paths, System.getenv());
    }

    /** The same, in a given environment. */
    public static CommandLine commandLine(XyPaths paths, Map<String, String> environment) {
        return configure(new CommandLine(new XyCommand(paths, environment)));
    }

    /** What every xy command line gets, the whole tree here or {@link Main}'s tree of the one subcommand that runs. */
    static CommandLine configure(CommandLine commandLine) {
        useXyExitCodes(commandLine);
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        return commandLine;
    }

    /** Picocli's default usage-error code, 2, means "daemon unreachable" in xy: a bad invocation is 1. */
    private static void useXyExitCodes(CommandLine commandLine) {
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.OPERATIONAL_ERROR);
        commandLine.getCommandSpec().exitCodeOnExecutionException(ExitCodes.OPERATIONAL_ERROR);
        commandLine.getSubcommands().values().forEach(XyCommand::useXyExitCodes);
    }
}
