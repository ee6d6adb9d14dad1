package dev.xy.core.supervisor;

import dev.xy.core.config.ConfigProblem;
import dev.xy.core.config.NodeLocator;
import dev.xy.core.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@link Preflight} checks over read configs and reports each failure as a config problem at the
 * offending node ({@code working-dir} or {@code command}), with the message a start would fail with.
 */
public final class ConfigPreflight {
    private ConfigPreflight() {}

    /** The problems of {@code servers} started from {@code defaultWorkingDir} with {@code baseEnv}. */
    public static List<ConfigProblem> problems(
            List<ServerConfig> servers, Path defaultWorkingDir, Map<String, String> baseEnv) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (ServerConfig config : servers) {
            try {
                Preflight.check(config, defaultWorkingDir, baseEnv);
            } catch (Preflight.Failure failure) {
                String node = failure.subject() == Preflight.Subject.WORKING_DIR ? "working-dir" : "command";
                problems.add(NodeLocator.problemAt(config.file(), node, failure.getMessage()));
            }
        }
        return problems;
    }
}
