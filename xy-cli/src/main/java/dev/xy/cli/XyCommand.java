package dev.xy.cli;

import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.daemon.XyPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code xy} command: a supervisor for local HTTP MCP servers. Subcommands do the work. */
@Command(
        name = "xy",
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
            CommandLine.HelpCommand.class
        })
public final class XyCommand implements Runnable {
    private final XyPaths paths;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public XyCommand(XyPaths paths) {
        this.paths = paths;
    }

    XyPaths paths() {
        return paths;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line wired the way {@code main} runs it; tests use it with their own streams. */
    public static CommandLine commandLine(XyPaths paths) {
        return configure(new CommandLine(new XyCommand(paths)));
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
