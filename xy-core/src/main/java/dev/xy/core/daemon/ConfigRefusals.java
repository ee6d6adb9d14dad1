package dev.xy.core.daemon;

import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ConfigProblem;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import java.nio.file.Path;
import java.util.List;

/** The config-invalid error, with every problem as its data, and said plainly when the directory itself is gone. */
final class ConfigRefusals {
    private ConfigRefusals() {}

    static RpcException configInvalid(List<ConfigProblem> problems) {
        List<Wire.Problem> data = problems.stream()
                .map(p -> new Wire.Problem(
                        p.file().toString(),
                        p.line() > 0 ? p.line() : null,
                        p.line() > 0 ? p.column() : null,
                        p.message()))
                .toList();
        return new RpcException(
                ErrorCodes.CONFIG_INVALID,
                problems.size() + " problem(s) in the server configs; nothing changed",
                data);
    }

    /** As {@link #configInvalid}, said plainly when it is the directory itself that cannot be read. */
    static RpcException reloadRefused(List<ConfigProblem> problems, Path dir) {
        RpcException invalid = configInvalid(problems);
        return problems.stream()
                .filter(p -> p.file().equals(dir) && p.message().startsWith(ConfigLoader.DIRECTORY_PROBLEM))
                .findFirst()
                .map(p -> new RpcException(
                        invalid.code(),
                        ConfigLoader.DIRECTORY_PROBLEM + dir + " "
                                + p.message().substring(ConfigLoader.DIRECTORY_PROBLEM.length())
                                + "; nothing changed: the servers run on as they were",
                        invalid.data()))
                .orElse(invalid);
    }
}
