package dev.xy.core.supervisor;

import dev.xy.core.config.HealthConfig;
import dev.xy.core.config.HealthMode;
import dev.xy.core.config.LogConfig;
import dev.xy.core.config.RestartConfig;
import dev.xy.core.config.RestartPolicy;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.config.StopConfig;
import dev.xy.core.logs.LogHub;
import dev.xy.core.logs.RotatingLogFile;
import dev.xy.core.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configs and log hubs for supervisor tests. */
final class TestServers {
    /**
     * One port for every config of a test run, so that configs built twice compare equal; free when chosen (a
     * fixed one, say 3001, may be another process's on a shared machine).
     */
    static final int PORT = FreePorts.next();

    /** Most supervisor tests are about processes, not readiness: their servers are ready once spawned. */
    static final HealthConfig NO_HEALTH_CHECK = HealthConfig.DEFAULT.withMode(HealthMode.NONE);

    private TestServers() {}

    static ServerConfig config(String command, List<String> args, RestartConfig restart, Duration grace) {
        return new ServerConfig(
                "alpha",
                Path.of("/configs/alpha.kdl"),
                command,
                args,
                PORT,
                Map.of(),
                Optional.empty(),
                true,
                restart,
                new StopConfig(grace),
                LogConfig.DEFAULT,
                NO_HEALTH_CHECK);
    }

    static ServerConfig config(RestartPolicy policy, int maxRetries) {
        return config(
                "server",
                List.of(),
                new RestartConfig(policy, Duration.ofSeconds(1), Duration.ofSeconds(8), maxRetries),
                Duration.ofSeconds(10));
    }

    static ServerConfig shell(String script, RestartConfig restart, Duration grace) {
        return config("/bin/sh", List.of("-c", script), restart, grace);
    }

    /** {@code base} with another port, environment and working directory. */
    static ServerConfig with(ServerConfig base, int port, Map<String, String> env, Optional<Path> workingDir) {
        return new ServerConfig(
                base.name(),
                base.file(),
                base.command(),
                base.args(),
                port,
                env,
                workingDir,
                base.autostart(),
                base.restart(),
                base.stop(),
                base.logs(),
                base.health());
    }

    static LogHub hub(Path dir, String name) {
        try {
            return new LogHub(
                    name, new RotatingLogFile(dir.resolve(name + ".log"), 1L << 30, 3), System::currentTimeMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on now: a fixed one (say 3001) may be another process's on a shared machine. */
}
