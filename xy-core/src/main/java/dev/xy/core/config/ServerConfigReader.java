package dev.xy.core.config;

import dev.xy.core.kdl.KdlDocument;
import dev.xy.core.kdl.KdlNode;
import dev.xy.core.kdl.KdlParseException;
import dev.xy.core.kdl.KdlParser;
import dev.xy.core.kdl.SourceText;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the text of one {@code <name>.kdl} file into a {@link ServerConfig}, or into every problem it has.
 * Strict by design: unknown nodes, repeats, wrong types and out-of-range values are all errors.
 */
public final class ServerConfigReader {
    static final List<String> TOP_LEVEL =
            List.of("command", "args", "port", "env", "working-dir", "autostart", "restart", "stop", "logs", "health");
    static final List<String> RESTART = List.of("policy", "backoff-initial", "backoff-max", "max-retries-per-minute");
    static final List<String> STOP = List.of("grace");
    static final List<String> LOGS = List.of("max-size", "keep");
    static final List<String> HEALTH = List.of("mode", "path", "interval", "timeout", "failures", "start-timeout");
    private static final long MIN_LOG_SIZE = 1024;

    /**
     * The outcome of reading one file: a config, or the problems that prevented one. {@code port} is known
     * whenever the port itself was readable, even in a file with other problems, so that port conflicts are
     * reported together with everything else.
     */
    public record Result(Optional<ServerConfig> config, List<ConfigProblem> problems, Optional<PortUse> port) {
        static Result failed(ConfigProblem problem) {
            return new Result(Optional.empty(), List.of(problem), Optional.empty());
        }
    }

    /** A server's port and where it is written (the anchor's message is empty), for cross-file checks. */
    public record PortUse(String server, int port, ConfigProblem anchor) {}

    private final Path file;
    private final ProblemSink problems;
    private final NodeValues values;

    private ServerConfigReader(Path file, SourceText source) {
        this.file = file;
        this.problems = new ProblemSink(file, source);
        this.values = new NodeValues(problems);
    }

    /** Reads a config whose server name is the stem of {@code file}. */
    public static Result read(Path file, byte[] content) {
        String name = serverName(file);
        KdlDocument document;
        try {
            document = KdlParser.parse(content);
        } catch (KdlParseException e) {
            String message =
                    e.problem() + e.hint().map(h -> " (hint: " + h + ")").orElse("");
            ConfigProblem problem = new ConfigProblem(
                    file, e.location().line(), e.location().column(), message, Optional.of(e.snippet()));
            return Result.failed(problem);
        }
        String text = new String(content, StandardCharsets.UTF_8);
        return new ServerConfigReader(file, new SourceText(text)).read(name, document);
    }

    /** The server name a file stands for: its name without {@code .kdl}. */
    public static String serverName(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.endsWith(".kdl") ? fileName.substring(0, fileName.length() - 4) : fileName;
    }

    /** What is wrong with the server name a file stands for, whatever the file holds; empty when nothing is. */
    public static Optional<ConfigProblem> nameProblem(Path file) {
        String name = serverName(file);
        if (ServerConfig.NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.of(ConfigProblem.ofFile(
                file,
                "the file name makes the server name `" + name + "`, which must match " + ServerConfig.NAME.pattern()
                        + " (lowercase letters, digits, - and _; at most 64)"));
    }

    private Result read(String name, KdlDocument document) {
        nameProblem(file).ifPresent(problem -> problems.forFile(problem.message()));
        Map<String, KdlNode> nodes = values.uniqueNodes(document.nodes(), TOP_LEVEL, "");
        Optional<String> command =
                required(nodes, "command", "command \"/path/to/server\"").flatMap(this::command);
        Optional<Long> port = required(nodes, "port", "port 8080").flatMap(n -> values.integer(n, 1, 65535));
        List<String> args = optional(nodes, "args").map(values::strings).orElse(List.of());
        Map<String, String> env = optional(nodes, "env").map(this::env).orElse(Map.of());
        Optional<Path> workingDir = optional(nodes, "working-dir").flatMap(this::workingDir);
        boolean autostart = optional(nodes, "autostart").flatMap(values::bool).orElse(true);
        RestartConfig restart = optional(nodes, "restart").map(this::restart).orElse(RestartConfig.DEFAULT);
        StopConfig stop = optional(nodes, "stop").map(this::stop).orElse(StopConfig.DEFAULT);
        LogConfig logs = optional(nodes, "logs").map(this::logs).orElse(LogConfig.DEFAULT);
        HealthConfig health = optional(nodes, "health").map(this::health).orElse(HealthConfig.DEFAULT);
        Optional<PortUse> portUse = port.map(p -> new PortUse(
                name,
                p.intValue(),
                problems.anchor(nodes.get("port").arguments().get(0).location())));
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems.problems(), portUse);
        }
        ServerConfig config = new ServerConfig(
                name,
                file,
                command.get(),
                args,
                port.get().intValue(),
                env,
                workingDir,
                autostart,
                restart,
                stop,
                logs,
                health);
        return new Result(Optional.of(config), List.of(), portUse);
    }

    private Optional<KdlNode> required(Map<String, KdlNode> nodes, String name, String example) {
        KdlNode node = nodes.get(name);
        if (node == null && !values.wasSuggested(name)) {
            problems.forFile("missing required node `" + name + "`; add a line such as: " + example);
        }
        return Optional.ofNullable(node);
    }

    private static Optional<KdlNode> optional(Map<String, KdlNode> nodes, String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    private Optional<String> command(KdlNode node) {
        return values.string(node).filter(command -> {
            if (command.isBlank()) {
                problems.at(node.arguments().get(0).location(), "`command` must not be empty");
            }
            return !command.isBlank();
        });
    }

    private Optional<Path> workingDir(KdlNode node) {
        return values.string(node).flatMap(text -> {
            try {
                if (!text.isBlank()) {
                    return Optional.of(resolvePath(text));
                }
                problems.at(node.arguments().get(0).location(), "`working-dir` must not be empty");
            } catch (InvalidPathException e) {
                problems.at(node.arguments().get(0).location(), "`working-dir` is not a valid path: " + e.getReason());
            }
            return Optional.empty();
        });
    }

    /** {@code ~} means the home directory; a relative path is relative to the config file's directory. */
    private Path resolvePath(String text) {
        Path home = Path.of(System.getProperty("user.home"));
        Path path = text.equals("~") ? home : text.startsWith("~/") ? home.resolve(text.substring(2)) : Path.of(text);
        Path base = file.toAbsolutePath().getParent();
        return base == null ? path : base.resolve(path).normalize();
    }

    private Map<String, String> env(KdlNode block) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (KdlNode entry : values.blockChildren(block)) {
            String key = entry.name();
            if (key.isEmpty() || key.contains("=")) {
                problems.at(
                        entry.location(), "environment variable name `" + key + "` must be non-empty and contain no =");
            } else if (firstLine.containsKey(key)) {
                problems.at(
                        entry.location(),
                        "duplicate environment variable `" + key + "`; it is already set at line "
                                + firstLine.get(key));
            } else {
                firstLine.put(key, entry.location().line());
                values.string(entry).ifPresent(value -> env.put(key, value));
            }
        }
        return env;
    }

    private RestartConfig restart(KdlNode block) {
        Map<String, KdlNode> nodes = values.uniqueNodes(values.blockChildren(block), RESTART, " in `restart`");
        RestartConfig defaults = RestartConfig.DEFAULT;
        RestartPolicy policy = optional(nodes, "policy").flatMap(this::policy).orElse(defaults.policy());
        Duration initial = optional(nodes, "backoff-initial")
                .flatMap(n -> values.duration(n, Duration.ofMillis(1)))
                .orElse(defaults.backoffInitial());
        Optional<KdlNode> maxNode = optional(nodes, "backoff-max");
        Duration max =
                maxNode.flatMap(n -> values.duration(n, Duration.ofMillis(1))).orElse(defaults.backoffMax());
        int retries = optional(nodes, "max-retries-per-minute")
                .flatMap(n -> values.integer(n, 1, 10_000))
                .map(Long::intValue)
                .orElse(defaults.maxRetriesPerMinute());
        if (max.compareTo(initial) < 0) {
            problems.at(
                    maxNode.map(KdlNode::location).orElse(block.location()),
                    "`backoff-max` (" + Durations.format(max) + ") is shorter than `backoff-initial` ("
                            + Durations.format(initial) + ")");
            return defaults;
        }
        return new RestartConfig(policy, initial, max, retries);
    }

    private Optional<RestartPolicy> policy(KdlNode node) {
        return values.string(node).flatMap(text -> {
            Optional<RestartPolicy> policy = RestartPolicy.fromConfigName(text);
            if (policy.isEmpty()) {
                problems.at(
                        node.arguments().get(0).location(),
                        "`policy` must be always, on-failure or never, got \"" + text + "\"");
            }
            return policy;
        });
    }

    private StopConfig stop(KdlNode block) {
        Map<String, KdlNode> nodes = values.uniqueNodes(values.blockChildren(block), STOP, " in `stop`");
        return optional(nodes, "grace")
                .flatMap(n -> values.duration(n, Duration.ZERO))
                .map(StopConfig::new)
                .orElse(StopConfig.DEFAULT);
    }

    private LogConfig logs(KdlNode block) {
        Map<String, KdlNode> nodes = values.uniqueNodes(values.blockChildren(block), LOGS, " in `logs`");
        long maxSize = optional(nodes, "max-size")
                .flatMap(n -> values.size(n, MIN_LOG_SIZE))
                .orElse(LogConfig.DEFAULT.maxSizeBytes());
        int keep = optional(nodes, "keep")
                .flatMap(n -> values.integer(n, 1, 1000))
                .map(Long::intValue)
                .orElse(LogConfig.DEFAULT.keep());
        return new LogConfig(maxSize, keep);
    }

    private HealthConfig health(KdlNode block) {
        Map<String, KdlNode> nodes = values.uniqueNodes(values.blockChildren(block), HEALTH, " in `health`");
        HealthConfig defaults = HealthConfig.DEFAULT;
        HealthMode mode = optional(nodes, "mode").flatMap(this::healthMode).orElse(defaults.mode());
        String path = optional(nodes, "path").flatMap(this::healthPath).orElse(defaults.path());
        Duration interval = optional(nodes, "interval")
                .flatMap(n -> values.duration(n, HealthConfig.MIN_INTERVAL))
                .orElse(defaults.interval());
        Duration timeout = optional(nodes, "timeout")
                .flatMap(n -> values.duration(n, HealthConfig.MIN_TIMEOUT))
                .orElse(defaults.timeout());
        int failures = optional(nodes, "failures")
                .flatMap(n -> values.integer(n, 1, HealthConfig.MAX_FAILURES))
                .map(Long::intValue)
                .orElse(defaults.failures());
        Duration startTimeout = optional(nodes, "start-timeout")
                .flatMap(n -> values.duration(n, HealthConfig.MIN_START_TIMEOUT))
                .orElse(defaults.startTimeout());
        return new HealthConfig(mode, path, interval, timeout, failures, startTimeout);
    }

    private Optional<HealthMode> healthMode(KdlNode node) {
        return values.string(node).flatMap(text -> {
            Optional<HealthMode> mode = HealthMode.fromConfigName(text);
            if (mode.isEmpty()) {
                problems.at(
                        node.arguments().get(0).location(), "`mode` must be mcp, tcp or none, got \"" + text + "\"");
            }
            return mode;
        });
    }

    private Optional<String> healthPath(KdlNode node) {
        return values.string(node).filter(path -> {
            boolean valid = HealthConfig.PATH.matcher(path).matches();
            if (!valid) {
                problems.at(
                        node.arguments().get(0).location(),
                        "`path` must start with / and be plain ASCII without spaces or #, got \"" + path + "\"");
            }
            return valid;
        });
    }
}
