package dev.xy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.rpc.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code bin/xy daemon} process in its own temporary XDG directories, and the real CLI to talk to it.
 * Paths are kept short: a Unix socket path has a hard length limit.
 */
final class DaemonHarness implements AutoCloseable {
    static final Path REPO =
            Path.of(System.getProperty("xy.repoRoot", "..")).toAbsolutePath().normalize();

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return Json.LENIENT.readTree(out);
        }
    }

    final Path root;
    final Path configDir;
    final Path stateDir;
    final Path runtimeDir;
    private Process daemon;
    private Path daemonLog;

    DaemonHarness() throws IOException {
        root = Files.createTempDirectory(Path.of("/tmp"), "xyit");
        configDir = Files.createDirectories(root.resolve("cfg/xy/servers"));
        stateDir = root.resolve("state");
        runtimeDir = Files.createDirectories(root.resolve("run"));
    }

    Path socket() {
        return runtimeDir.resolve("xy.sock");
    }

    Path writeServer(String name, String kdl) throws IOException {
        return Files.writeString(configDir.resolve(name + ".kdl"), kdl);
    }

    /**
     * A config for {@code sh -c script} on a port nothing listens on. Such a server answers no health check, so
     * unless {@code extra} says otherwise it has none ({@code health { mode "none" }}): ready once spawned.
     */
    String shellServer(String script, String extra) throws IOException {
        String health = extra.contains("health") ? "" : "health {\n  mode \"none\"\n}\n";
        return "command \"/bin/sh\"\nargs \"-c\" \""
                + script.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\nport " + freePort() + "\n" + health
                + extra;
    }

    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

    /**
     * A port nothing listens on, handed out once per test JVM: the kernel may give the same ephemeral port to two
     * {@code bind(0)} calls in a row, and two servers configured on it would be refused as a port clash.
     */
    static synchronized int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    /** A loopback listener on a port no config of this test JVM was given: a port "taken" by someone else. */
    static synchronized ServerSocket holdPort() throws IOException {
        while (true) {
            ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            if (HANDED_OUT.add(socket.getLocalPort())) {
                return socket;
            }
            socket.close();
        }
    }

    Map<String, String> environment() {
        return Map.of(
                "XDG_CONFIG_HOME", root.resolve("cfg").toString(),
                "XDG_STATE_HOME", stateDir.toString(),
                "XDG_RUNTIME_DIR", runtimeDir.toString());
    }

    /** Starts the daemon and waits until its socket answers and its autostart servers have been spawned. */
    Process startDaemon() throws IOException {
        daemon = spawnDaemon();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            assertThat(daemon.isAlive())
                    .as("daemon alive; its log:\n" + daemonLog())
                    .isTrue();
            // The socket answers before the autostart servers are spawned; "ready:" comes after.
            return daemonLog().contains(" xy: ready: ") && xy("list", "--json").exit() == 0;
        });
        return daemon;
    }

    /** Starts a daemon process without waiting for it. */
    Process spawnDaemon() throws IOException {
        daemonLog = Files.createTempFile(root, "daemon", ".log");
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("bin/xy").toString(), "daemon")
                .redirectErrorStream(true)
                .redirectOutput(daemonLog.toFile());
        builder.environment().putAll(environment());
        return builder.start();
    }

    String daemonLog() throws IOException {
        return daemonLog == null ? "" : Files.readString(daemonLog);
    }

    Run xy(String... args) throws IOException, InterruptedException {
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

    JsonNode server(String name) throws IOException, InterruptedException {
        return xy("status", name, "--json").json();
    }

    String state(String name) throws IOException, InterruptedException {
        return server(name).path("state").asText();
    }

    /** Whether a pid is a live process (a zombie left for a non-reaping init counts as gone). */
    static boolean isRunning(long pid) throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("ps", "-o", "stat=", "-p", Long.toString(pid)).start();
        String stat = new String(ps.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        ps.waitFor();
        return !stat.isEmpty() && !stat.startsWith("Z");
    }

    void terminateDaemon() throws InterruptedException {
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
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
