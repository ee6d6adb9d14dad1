package dev.xy.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.daemon.XyPaths;
import dev.xy.core.rpc.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * xy as a person runs it, for the tests of the modules built on xy-core (the CLI's, the app's): temporary XDG
 * directories with real server configs, the real {@code bin/xy} run as a terminal runs it, and on request a real
 * {@code bin/xy daemon}. Needs {@code bin/xy}'s jars built ({@code verify} builds them before the integration
 * tests). Paths stay short: a Unix socket path has a hard length limit.
 */
public final class RealXy implements AutoCloseable {
    /** The repository's root, where {@code bin/xy} is; the tests run in a module's directory. */
    public static final Path REPO =
            Path.of(System.getProperty("xy.repoRoot", "..")).toAbsolutePath().normalize();

    /** A server that answers no health check is ready once spawned with this. */
    public static final String NO_HEALTH_CHECK = "health {\n  mode \"none\"\n}\n";

    /** What one {@code bin/xy} run did. */
    public record Run(int exit, String out, String err) {
        public JsonNode json() throws IOException {
            return Json.LENIENT.readTree(out);
        }
    }

    public final Path root;
    public final Path configDir;
    public final Path stateDir;
    public final Path runtimeDir;
    private Process daemon;
    private Path daemonLog;

    /** @param prefix names the temporary directory, so a leftover one says which tests made it */
    public RealXy(String prefix) throws IOException {
        root = Files.createTempDirectory(Path.of("/tmp"), prefix);
        configDir = Files.createDirectories(root.resolve("cfg/xy/servers"));
        stateDir = root.resolve("state");
        runtimeDir = Files.createDirectories(root.resolve("run"));
    }

    public Map<String, String> environment() {
        return Map.of(
                "XDG_CONFIG_HOME", root.resolve("cfg").toString(),
                "XDG_STATE_HOME", stateDir.toString(),
                "XDG_RUNTIME_DIR", runtimeDir.toString());
    }

    /** The same paths that {@code bin/xy} and the app derive from {@link #environment()}. */
    public XyPaths paths() {
        return XyPaths.from(environment(), root);
    }

    public Path socket() {
        return paths().socket();
    }

    public Path writeServer(String name, String kdl) throws IOException {
        return Files.writeString(configDir.resolve(name + ".kdl"), kdl);
    }

    /**
     * A config for {@code sh -c script} on a port nothing listens on. Such a server answers no health check, so
     * unless {@code extra} says otherwise it has none ({@link #NO_HEALTH_CHECK}): ready once spawned.
     */
    public static String shellServer(String script, String extra) {
        String health = extra.contains("health") ? "" : NO_HEALTH_CHECK;
        return "command \"/bin/sh\"\nargs \"-c\" \""
                + script.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\nport " + FreePorts.next() + "\n" + health
                + extra;
    }

    /** A config whose command is on no PATH, not started with the daemon: a start of it fails at the spawn. */
    public static String missingCommandServer() {
        return "command \"no-such-xy-binary\"\nport " + FreePorts.next() + "\nautostart #false\n";
    }

    /** Starts {@code bin/xy daemon} and waits until its socket answers and its autostart servers are spawned. */
    public Process startDaemon() throws IOException {
        daemon = spawnDaemon();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            assertThat(daemon.isAlive())
                    .as("daemon alive; its log:\n" + daemonLog())
                    .isTrue();
            // The socket answers before the autostart servers are spawned; "ready:" comes after.
            return daemonLog().contains(" xy: ready: ") && xy("list", "--json").exit() == 0;
        });
        return daemon;
    }

    /** Starts a {@code bin/xy daemon} process without waiting for it; its output goes to {@link #daemonLog()}. */
    public Process spawnDaemon() throws IOException {
        daemonLog = Files.createTempFile(root, "daemon", ".log");
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("bin/xy").toString(), "daemon")
                .redirectErrorStream(true)
                .redirectOutput(daemonLog.toFile());
        builder.environment().putAll(environment());
        return builder.start();
    }

    public String daemonLog() throws IOException {
        return daemonLog == null ? "" : Files.readString(daemonLog);
    }

    /** Runs {@code bin/xy args…} as a terminal would, against the same directories; its output goes to files. */
    public Run xy(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/xy").toString()));
        command.addAll(List.of(args));
        return run(command, args);
    }

    /**
     * Runs {@code bin/xy args…} on a terminal of its own (util-linux {@code script}), so its output is what a person
     * at a terminal sees; the terminal's line ends are read back as {@code \n}, and standard error comes with the
     * output.
     */
    public Run xyOnTerminal(String... args) throws IOException, InterruptedException {
        StringBuilder line = new StringBuilder(quoted(REPO.resolve("bin/xy").toString()));
        for (String arg : args) {
            line.append(' ').append(quoted(arg));
        }
        Run run = run(List.of("script", "-q", "-e", "-c", line.toString(), "/dev/null"), args);
        return new Run(run.exit(), run.out().replace("\r\n", "\n"), run.err());
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private Run run(List<String> command, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("xy " + String.join(" ", args) + " did not finish");
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** A server as {@code bin/xy status NAME --json} reports it. */
    public JsonNode server(String name) throws IOException, InterruptedException {
        return xy("status", name, "--json").json();
    }

    public String state(String name) throws IOException, InterruptedException {
        return server(name).path("state").asText();
    }

    public long pid(String name) throws IOException, InterruptedException {
        return server(name).path("pid").asLong(-1);
    }

    /** Whether a pid is a live process (a zombie left for a non-reaping init counts as gone). */
    public static boolean isRunning(long pid) throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("ps", "-o", "stat=", "-p", Long.toString(pid)).start();
        String stat = new String(ps.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        ps.waitFor();
        return !stat.isEmpty() && !stat.startsWith("Z");
    }

    /** SIGTERM to the daemon, and up to a minute for it to stop its servers and exit. */
    public void terminateDaemon() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            daemon.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        terminateDaemon();
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
