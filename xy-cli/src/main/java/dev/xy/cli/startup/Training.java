package dev.xy.cli.startup;

import dev.xy.cli.Main;
import dev.xy.core.daemon.XyPaths;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The training run behind the CLI's class-data-sharing archive: the build runs it once, through {@code bin/xy}
 * with the launcher's own class path and JVM flags, while the JVM records every class it loads (see
 * {@code docs/benchmarks.md}, CLI latency). It runs the commands people type, in one JVM: the ones that need no
 * daemon (help, version, validate, usage errors, the unreachable-daemon error with and without {@code --json}),
 * then the same again against a real, short-lived daemon in temporary directories, so that the socket client,
 * Jackson's readers and writers for every answer, and the human tables are all in the archive.
 *
 * <p>Each command runs exactly as {@code xy} would run it, its output going to this process's stdout and stderr
 * (the build sends them to a file). A command that fails is only reported: an incomplete training run makes a
 * smaller archive, never a broken CLI.
 */
public final class Training {
    private Training() {}

    public static void main(String[] args) throws Exception {
        Main.useLegacyLocaleData();
        Main.searchNoClassPath();
        Path work = Files.createTempDirectory(Path.of("/tmp"), "xytrain");
        try {
            new Session(work).run();
        } finally {
            deleteTree(work);
        }
    }

    private static final class Session {
        private final Path work;
        private final Path configDir;
        private final XyPaths paths;
        private final List<String> summary = new ArrayList<>();

        Session(Path work) throws IOException {
            this.work = work;
            this.configDir = Files.createDirectories(work.resolve("cfg/xy/servers"));
            Files.createDirectories(work.resolve("run"));
            this.paths = XyPaths.from(environment(), work);
        }

        private Map<String, String> environment() {
            return Map.of(
                    "XDG_CONFIG_HOME", work.resolve("cfg").toString(),
                    "XDG_STATE_HOME", work.resolve("state").toString(),
                    "XDG_RUNTIME_DIR", work.resolve("run").toString());
        }

        void run() throws Exception {
            writeConfigs();
            Path bad = Files.writeString(work.resolve("bad.kdl"), "comand \"x\"\nport 1\nenv {\n");

            // Without a daemon.
            xy("--version");
            xy("--help");
            xy("help", "list");
            xy("list", "--help");
            xy("validate");
            xy("validate", configDir.toString());
            xy("validate", bad.toString());
            xy("lsit");
            xy("list", "--bogus");
            xy("status");
            xy("completion", "bash");
            xy("list");
            xy("list", "--json");
            xy("status", "alpha");
            xy("logs", "alpha");

            Process daemon = startDaemon();
            // A build interrupted with Ctrl-C must not leave the daemon and its servers behind.
            Thread stopDaemon = new Thread(daemon::destroy, "xy-training-cleanup");
            Runtime.getRuntime().addShutdownHook(stopDaemon);
            try {
                if (awaitSocket(daemon)) {
                    for (int round = 0; round < 2; round++) {
                        xy("list");
                        xy("list", "--json");
                        xy("status", "alpha");
                        xy("status", "alpha", "--json");
                        xy("status", "broken");
                        xy("status", "nosuch");
                        xy("status", "nosuch", "--json");
                        xy("logs", "alpha");
                        xy("logs", "alpha", "-n", "5");
                        xy("client-config");
                    }
                    xy("stop", "beta");
                    xy("start", "beta", "--no-wait");
                    xy("restart", "beta", "--no-wait");
                    xy("stop", "--all");
                    xy("start", "nosuch");
                    xy("reload");
                    xy("reload", "--json");
                    xy("list");
                } else {
                    summary.add(
                            "the daemon did not come up; see its log: " + Files.readString(work.resolve("daemon.log")));
                }
            } finally {
                Runtime.getRuntime().removeShutdownHook(stopDaemon);
                daemon.destroy();
                if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            PrintStream report = System.err;
            report.println("xy training run:");
            summary.forEach(line -> report.println("  " + line));
        }

        private void writeConfigs() throws IOException {
            server("alpha", "echo training; exec sleep 600", "");
            server("beta", "exec sleep 600", "");
            server("broken", "echo failing >&2; exit 3", "restart {\n    policy never\n}\n");
        }

        private void server(String name, String script, String extra) throws IOException {
            Files.writeString(
                    configDir.resolve(name + ".kdl"),
                    "command \"/bin/sh\"\nargs \"-c\" \"" + script.replace("\"", "\\\"") + "\"\nport " + freePort()
                            + "\n" + extra);
        }

        private void xy(String... args) {
            int exit;
            try {
                exit = Main.run(paths, args);
            } catch (RuntimeException e) {
                exit = -1;
            }
            summary.add(String.join(" ", args) + " -> " + exit);
        }

        /** The daemon as {@code bin/xy daemon} runs it, in this run's directories. */
        private Process startDaemon() throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(
                    java.toString(), "-cp", System.getProperty("java.class.path"), "dev.xy.cli.Main", "daemon");
            builder.environment().putAll(environment());
            builder.redirectErrorStream(true)
                    .redirectOutput(work.resolve("daemon.log").toFile());
            return builder.start();
        }

        private boolean awaitSocket(Process daemon) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && daemon.isAlive()) {
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(paths.socket()));
                    return true;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
