package dev.xy.cli;

import dev.xy.core.client.DaemonClient;
import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ConfigProblem;
import dev.xy.core.config.ConfigSet;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.supervisor.ConfigPreflight;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code xy validate [PATH...]}: checks configs without a daemon. */
final class ValidateCommand implements Callable<Integer> {
    private final XyCommand parent;

    final CommandSpec spec;

    private final PositionalParamSpec pathsArg = Model.list(Path.class, "PATH", "0..*", "Config files or directories.")
            .build();

    ValidateCommand(XyCommand parent) {
        this.parent = parent;
        this.spec = Model.command(
                this,
                "validate",
                "Check server configs without starting anything.",
                "Checks the files themselves, and that each working directory exists and each command resolves, as a"
                        + " start from here would find them.",
                "PATH is a .kdl file or a directory of them. Without one: the directory the running daemon reads, or"
                        + " the default config directory when no daemon runs.");
        spec.addPositional(pathsArg);
        Model.exitCodes(spec, "0:every config is valid", "3:a config is invalid (each problem is printed)");
    }

    @Override
    public Integer call() {
        List<Path> paths = pathsArg.getValue();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean useDefault = paths == null || paths.isEmpty();
        Optional<Path> daemonDir = useDefault ? daemonConfigDir() : Optional.empty();
        Path configDir = daemonDir.orElse(parent.paths().configDir());
        String whose = daemonDir.isPresent() ? " (the running daemon's)" : " (the default; no daemon is running)";
        if (useDefault && !Files.exists(configDir)) {
            err.println("no config directory yet: put one <name>.kdl file per server in " + configDir);
        }
        ConfigSet configs = useDefault ? ConfigLoader.loadDirectory(configDir) : ConfigLoader.load(paths);
        List<ConfigProblem> problems = new ArrayList<>(configs.problems());
        // What a start would find: a daemon started here runs its servers from this directory and environment.
        problems.addAll(ConfigPreflight.problems(configs.servers(), Path.of("").toAbsolutePath(), System.getenv()));
        if (problems.isEmpty()) {
            int count = configs.servers().size();
            out.println("ok: " + count + (count == 1 ? " server" : " servers") + " in " + checked(configDir, paths)
                    + (useDefault ? whose : ""));
            return ExitCodes.OK;
        }
        problems.sort(Comparator.comparing(ConfigProblem::file)); // stable: each file's problems stay in order
        for (ConfigProblem problem : problems) {
            err.println(problem.describe());
        }
        int count = problems.size();
        err.println(count + (count == 1 ? " problem" : " problems") + " found in " + checked(configDir, paths)
                + (useDefault ? whose : ""));
        return ExitCodes.CONFIG_INVALID;
    }

    /**
     * The directory a running daemon reads its configs from: what a user who runs {@code xy validate} before
     * {@code xy reload} means to check, even when the daemon was started on another {@code --config-dir}.
     */
    private Optional<Path> daemonConfigDir() {
        try (DaemonClient daemon = DaemonClient.connect(parent.paths().socket())) {
            return Optional.of(Path.of(daemon.info().configDir()));
        } catch (IOException | RpcException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Which files were read, said plainly: a user may not know which directory is the default. */
    private static String checked(Path configDir, List<Path> paths) {
        if (paths == null || paths.isEmpty()) {
            return configDir.toString();
        }
        return paths.stream()
                .map(path -> path.toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(", "));
    }
}
