package dev.xy.core.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Everything xy knows about one server, read from {@code <name>.kdl}. */
public record ServerConfig(
        String name,
        Path file,
        String command,
        List<String> args,
        int port,
        Map<String, String> env,
        Optional<Path> workingDir,
        boolean autostart,
        RestartConfig restart,
        StopConfig stop,
        LogConfig logs,
        HealthConfig health) {
    /** Server names are file stems, kept to a shape that is safe in paths, URLs and shells. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public ServerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(health, "health");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid server name: " + name);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new TreeMap<>(env));
    }

    /**
     * True when the running process would differ: a change here needs a restart, while restart, stop, log and
     * health settings can be applied to a running server in place (a new health setting takes effect from the
     * next check; it says how xy looks at the process, not how the process runs).
     */
    public boolean processDiffers(ServerConfig other) {
        return !command.equals(other.command)
                || !args.equals(other.args)
                || port != other.port
                || !env.equals(other.env)
                || !workingDir.equals(other.workingDir);
    }

    /** The address an MCP client uses for this server: its port and its health check's MCP path. */
    public String url() {
        return "http://localhost:" + port + health.path();
    }
}
