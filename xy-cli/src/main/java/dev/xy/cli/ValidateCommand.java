package dev.xy.cli;

import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ConfigProblem;
import dev.xy.core.config.ConfigSet;
import dev.xy.core.daemon.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code xy validate [PATH...]}: checks configs without a daemon. */
@Command(
        name = "validate",
        description = {
            "Check server configs without starting anything.",
            "PATH is a .kdl file or a directory of them; the default is the config directory."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every config is valid", "3:a config is invalid (each problem is printed)"})
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    XyCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Config files or directories.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean useDefault = paths == null || paths.isEmpty();
        Path configDir = parent.paths().configDir();
        if (useDefault && !Files.exists(configDir)) {
            err.println("no config directory yet: put one <name>.kdl file per server in " + configDir);
        }
        ConfigSet configs = useDefault ? ConfigLoader.loadDirectory(configDir) : ConfigLoader.load(paths);
        if (configs.isValid()) {
            int count = configs.servers().size();
            out.println("ok: " + count + (count == 1 ? " server" : " servers"));
            return ExitCodes.OK;
        }
        for (ConfigProblem problem : configs.problems()) {
            err.println(problem.describe());
        }
        int count = configs.problems().size();
        err.println(count + (count == 1 ? " problem" : " problems") + " found");
        return ExitCodes.CONFIG_INVALID;
    }
}
