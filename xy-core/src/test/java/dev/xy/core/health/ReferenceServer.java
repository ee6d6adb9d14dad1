package dev.xy.core.health;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xy.core.testing.FreePorts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The reference MCP server, {@code @modelcontextprotocol/server-everything} pinned at {@link #VERSION}, run by
 * node as {@code node dist/index.js streamableHttp} with its port in {@code PORT}. Installed by npm on first use
 * into {@code ~/.cache/xy-test/npm} (or the directory in the {@code xy.test.npmCache} property); a machine
 * without node or npm fails the test with what to install, rather than skipping it.
 */
final class ReferenceServer implements AutoCloseable {
    static final String PACKAGE = "@modelcontextprotocol/server-everything";
    static final String VERSION = "2026.8.31";

    private final Process process;
    private final Path log;
    private final int port;

    private ReferenceServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the server on a free port and waits until it accepts connections. The port is free when chosen but
     * may be taken before node binds it; then the server exits, and another port is tried.
     */
    static ReferenceServer start(Path workDir) throws IOException, InterruptedException {
        Path entry = installed().resolve("dist/index.js");
        for (int attempt = 1; ; attempt++) {
            ReferenceServer server = launch(entry, workDir, FreePorts.next());
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> !server.process.isAlive()
                                || TcpProbe.probe(server.port, Duration.ofSeconds(1))
                                        .isPassed());
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            if (server.process.isAlive()) {
                return server;
            }
            if (attempt == 3 || server.count("already in use") == 0) {
                throw new IllegalStateException("the reference server exited: " + server.log());
            }
        }
    }

    private static ReferenceServer launch(Path entry, Path workDir, int port) throws IOException {
        Path log = workDir.resolve("everything-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(executable("node").toString(), entry.toString(), "streamableHttp")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("PORT", Integer.toString(port));
        return new ReferenceServer(builder.start(), log, port);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** What the server printed so far. */
    List<String> log() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /** The lines of its log that contain {@code text}. */
    long count(String text) throws IOException {
        return log().stream().filter(line -> line.contains(text)).count();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The package directory, installed by npm first when it is missing or another version. */
    static Path installed() throws IOException, InterruptedException {
        Path cache = Path.of(
                System.getProperty("xy.test.npmCache", System.getProperty("user.home") + "/.cache/xy-test/npm"));
        Path packageDir = cache.resolve("node_modules").resolve(PACKAGE);
        if (VERSION.equals(installedVersion(packageDir).orElse(null))) {
            return packageDir;
        }
        Files.createDirectories(cache);
        Path npmLog = cache.resolve("npm-install.log");
        Process npm = new ProcessBuilder(
                        executable("npm").toString(),
                        "install",
                        "--prefix",
                        cache.toString(),
                        "--no-audit",
                        "--no-fund",
                        PACKAGE + "@" + VERSION)
                .redirectErrorStream(true)
                .redirectOutput(npmLog.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!npm.waitFor(5, TimeUnit.MINUTES)) {
            npm.destroyForcibly();
            throw new IllegalStateException(
                    "npm install of " + PACKAGE + "@" + VERSION + " took over 5 minutes; see " + npmLog);
        }
        if (npm.exitValue() != 0 || !VERSION.equals(installedVersion(packageDir).orElse(null))) {
            throw new IllegalStateException("npm install of " + PACKAGE + "@" + VERSION + " failed (exit "
                    + npm.exitValue() + "):\n" + Files.readString(npmLog));
        }
        return packageDir;
    }

    private static Optional<String> installedVersion(Path packageDir) throws IOException {
        Path manifest = packageDir.resolve("package.json");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                new ObjectMapper().readTree(manifest.toFile()).path("version").textValue());
    }

    /** A program on PATH; its absence fails the test with what to install. */
    static Path executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("`" + name + "` is not on PATH: the tests against the reference MCP server "
                + "need Node.js and npm (Debian: apt-get install nodejs npm; .ci/run installs them)");
    }
}
