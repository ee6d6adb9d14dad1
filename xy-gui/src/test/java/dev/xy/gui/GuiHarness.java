package dev.xy.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.daemon.XyPaths;
import dev.xy.core.rpc.Json;
import java.io.IOException;
import java.net.ServerSocket;
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
 * Temporary XDG directories with real server configs, the real {@code bin/xy} to look from a terminal's side,
 * and optionally a real {@code bin/xy daemon}. Paths stay short: a Unix socket path has a hard length limit.
 */
public final class GuiHarness implements AutoCloseable {
    public static final Path REPO =
            Path.of(System.getProperty("xy.repoRoot", "..")).toAbsolutePath().normalize();

    public record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return Json.LENIENT.readTree(out);
        }
    }

    public final Path root;
    private Process daemon;
    private Path daemonLog;

    public GuiHarness() throws IOException {
        root = Files.createTempDirectory(Path.of("/tmp"), "xygui");
        Files.createDirectories(paths().configDir());
        Files.createDirectories(root.resolve("run"));
    }

    public Map<String, String> environment() {
        return Map.of(
                "XDG_CONFIG_HOME", root.resolve("cfg").toString(),
                "XDG_STATE_HOME", root.resolve("state").toString(),
                "XDG_RUNTIME_DIR", root.resolve("run").toString());
    }

    /** The same paths the app and {@code bin/xy} derive from {@link #environment()}. */
    public XyPaths paths() {
        return XyPaths.from(environment(), root);
    }

    public Path writeServer(String name, String kdl) throws IOException {
        return Files.writeString(paths().configDir().resolve(name + ".kdl"), kdl);
    }

    /**
     * A config for {@code sh -c script} on a free port. Such a server answers no health check, so it has none
     * ({@code health { mode "none" }}): ready once spawned.
     */
    public static String shellServer(String script, String extra) throws IOException {
        return "command \"/bin/sh\"\nargs \"-c\" \""
                + script.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\nport " + freePort() + "\n" + NO_HEALTH_CHECK
                + extra;
    }

    public static final String NO_HEALTH_CHECK = "health {\n  mode \"none\"\n}\n";

    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

    /**
     * A port nothing listens on, handed out once per test JVM: the kernel may give the same ephemeral port to two
     * {@code bind(0)} calls in a row, and two servers configured on it would be refused as a port clash.
     */
    public static synchronized int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    /** Starts a real {@code bin/xy daemon} and waits until its socket answers. */
    public Process startDaemon() throws IOException {
        daemonLog = Files.createTempFile(root, "daemon", ".log");
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("bin/xy").toString(), "daemon")
                .redirectErrorStream(true)
                .redirectOutput(daemonLog.toFile());
        builder.environment().putAll(environment());
        daemon = builder.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            assertThat(daemon.isAlive())
                    .as("daemon alive; its log:\n" + daemonLog())
                    .isTrue();
            // The socket answers before the autostart servers are spawned; "ready:" comes after.
            return daemonLog().contains(" xy: ready: ") && xy("list", "--json").exit() == 0;
        });
        return daemon;
    }

    public String daemonLog() throws IOException {
        return daemonLog == null ? "" : Files.readString(daemonLog);
    }

    /** Runs {@code bin/xy args…} as a terminal would, against the same directories. */
    public Run xy(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/xy").toString()));
        command.addAll(List.of(args));
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

    /** A server's state as {@code bin/xy status NAME --json} reports it. */
    public String state(String name) throws IOException, InterruptedException {
        return xy("status", name, "--json").json().path("state").asText();
    }

    public long pid(String name) throws IOException, InterruptedException {
        return xy("status", name, "--json").json().path("pid").asLong(-1);
    }

    /** Whether a pid is a live process (a zombie counts as gone). */
    public static boolean isRunning(long pid) throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("ps", "-o", "stat=", "-p", Long.toString(pid)).start();
        String stat = new String(ps.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        ps.waitFor();
        return !stat.isEmpty() && !stat.startsWith("Z");
    }

    @Override
    public void close() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
