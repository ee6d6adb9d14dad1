package dev.xy.cli;

import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.daemon.XyPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code xy} command: a supervisor for local HTTP MCP servers. Subcommands do the work. Its standard help
 * options are inherited by every subcommand, so {@code xy <anything> --help} prints that command's usage. The whole
 * command model is declared in code ({@link Model}); each subcommand declares its own.
 */
public final class XyCommand implements Runnable {
    /** Every subcommand's name, in the order {@code xy --help} lists them. */
    static final List<String> SUBCOMMANDS = List.of(
            "daemon",
            "list",
            "status",
            "start",
            "stop",
            "restart",
            "reload",
            "logs",
            "client-config",
            "validate",
            "completion",
            "service",
            "help");

    private final XyPaths paths;
    private final Map<String, String> environment;
    private final CommandSpec spec;

    public XyCommand(XyPaths paths) {
        this(paths, System.getenv());
    }

    public XyCommand(XyPaths paths, Map<String, String> environment) {
        this.paths = paths;
        this.environment = Map.copyOf(environment);
        this.spec = CommandSpec.wrapWithoutInspection(this).name("xy");
    }

    /**
     * The root's model, once per instance, with {@code subcommands}: its description, its settings (version, exit
     * codes, usage) passed down to them, and {@code -h/--help} and {@code -V/--version} on each command of the tree.
     */
    CommandSpec root(List<String> subcommands) {
        spec.usageMessage().description("Keeps your local HTTP MCP servers running and visible.");
        spec.scopeType(CommandLine.ScopeType.INHERIT);
        for (String name : subcommands) {
            spec.addSubcommand(name, subcommand(name));
        }
        Model.standardHelpOptions(spec);
        // Only now: picocli asks the root for its version whenever a subcommand is added, and reading it costs a
        // search of the class path, which a command that prints no version need not pay.
        Model.versionProvider(spec, new VersionProvider());
        return spec;
    }

    /**
     * The model of subcommand {@code name} of this root; each command declares its own. {@code help} is picocli's
     * own, read from its annotations (only the whole tree has it): its completion script knows it by its class.
     */
    CommandSpec subcommand(String name) {
        return switch (name) {
            case "daemon" -> new DaemonCommand(this).spec;
            case "list" -> new ListCommand(this).spec;
            case "status" -> new StatusCommand(this).spec;
            case "start" -> new StartCommand(this).spec;
            case "stop" -> new StopCommand(this).spec;
            case "restart" -> new RestartCommand(this).spec;
            case "reload" -> new ReloadCommand(this).spec;
            case "logs" -> new LogsCommand(this).spec;
            case "client-config" -> new ClientConfigCommand(this).spec;
            case "validate" -> new ValidateCommand(this).spec;
            case "completion" -> new CompletionCommand().spec;
            case "service" -> new ServiceCommand(this).spec;
            case "help" -> new CommandLine(new CommandLine.HelpCommand()).getCommandSpec();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    /** Instead of {@link #root}: the root with only {@code option} (a lone {@code --version} or {@code -V}). */
    CommandSpec versionOnly(String option) {
        spec.versionProvider(new VersionProvider());
        spec.addOption(OptionSpec.builder(option).versionHelp(true).build());
        return spec;
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
        return configure(new CommandLine(new XyCommand(paths, environment).root(SUBCOMMANDS)));
    }

    /** What every xy command line gets, the whole tree here or {@link Main}'s tree of the one subcommand that runs. */
    static CommandLine configure(CommandLine commandLine) {
        useXyExitCodes(commandLine);
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        commandLine.setParameterExceptionHandler(new UsageErrors());
        return commandLine;
    }

    /** Picocli's default usage-error code, 2, means "daemon unreachable" in xy: a bad invocation is 1. */
    private static void useXyExitCodes(CommandLine commandLine) {
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.OPERATIONAL_ERROR);
        commandLine.getCommandSpec().exitCodeOnExecutionException(ExitCodes.OPERATIONAL_ERROR);
        commandLine.getSubcommands().values().forEach(XyCommand::useXyExitCodes);
    }
}
