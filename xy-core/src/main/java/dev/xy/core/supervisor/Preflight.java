package dev.xy.core.supervisor;

import dev.xy.core.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What can be known about starting a server before spawning it: that its working directory is a directory
 * and that its command resolves (on the {@code PATH} the child would get, or as a path) to an executable file.
 * {@link OsProcessLauncher} runs exactly these checks at every start and {@code xy validate} runs them ahead
 * of time, so both fail alike, with the same message.
 */
public final class Preflight {
    /** Which part of a config a failure is about, so that a validator can point at that node. */
    public enum Subject {
        WORKING_DIR,
        COMMAND
    }

    /** A check failed: the server cannot be started as configured. */
    public static final class Failure extends SpawnException {
        private final Subject subject;

        Failure(Subject subject, String message) {
            super(message);
            this.subject = subject;
        }

        public Subject subject() {
            return subject;
        }
    }

    /** Where a server would run and what would be executed. */
    public record Launchable(Path workingDir, Path executable) {}

    private Preflight() {}

    /**
     * Checks {@code config} as it would be started by a process whose working directory is {@code defaultWorkingDir}
     * (used when the config names none) and whose environment is {@code baseEnv} (the config's {@code env} wins).
     */
    public static Launchable check(ServerConfig config, Path defaultWorkingDir, Map<String, String> baseEnv)
            throws Failure {
        Path workingDir = config.workingDir().orElse(defaultWorkingDir);
        String origin = config.workingDir().isPresent()
                ? "create it, or change `working-dir`; a relative path is relative to the config file's directory"
                : "xy's own working directory is used when `working-dir` is not set";
        if (!Files.exists(workingDir)) {
            throw new Failure(
                    Subject.WORKING_DIR, "working directory " + workingDir + " does not exist (hint: " + origin + ")");
        }
        if (!Files.isDirectory(workingDir)) {
            throw new Failure(
                    Subject.WORKING_DIR,
                    "working directory " + workingDir + " is not a directory (hint: " + origin + ")");
        }
        Map<String, String> env = new HashMap<>(baseEnv);
        env.putAll(config.env());
        try {
            return new Launchable(workingDir, CommandResolver.resolve(config.command(), env, workingDir));
        } catch (SpawnException e) {
            throw new Failure(Subject.COMMAND, e.getMessage());
        }
    }
}
