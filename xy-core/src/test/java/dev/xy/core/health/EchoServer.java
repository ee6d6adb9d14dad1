package dev.xy.core.health;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The example MCP server of {@code examples/} ({@code EchoMcpServer.java}) as a real process on a free port, for
 * integration tests. Compiled once per test JVM, so that each start costs a JVM start rather than a compile;
 * {@link #startFromSource} runs it the way the example configs do, as a single source file.
 */
public final class EchoServer implements AutoCloseable {
    public static final Path SOURCE = Path.of("../examples/src/main/java/dev/xy/examples/EchoMcpServer.java");
    private static final Path CLASSES = Path.of("target/echo-server-classes");
    private static final Pattern LISTENING = Pattern.compile("listening on http://\\S+:(\\d+)/mcp");
    private static boolean compiled;

    private final Process process;
    private final Path log;
    private final int port;

    private EchoServer(List<String> command) throws IOException {
        // Output goes to a file that the server writes itself: what it printed before answering a request is
        // there once the answer has come, with no pipe or pump thread in between that could lag or lose lines.
        log = Files.createTempFile("xy-echo-server", ".log");
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> listeningPort().isPresent() || !process.isAlive());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        port = listeningPort().orElseThrow(() -> new IllegalStateException("echo server did not start: " + output()));
    }

    /** The server from its compiled class, with these flags, on a port of its choosing. */
    public static EchoServer start(String... flags) throws IOException {
        compileOnce();
        List<String> command = new ArrayList<>(List.of(java(), "-cp", CLASSES.toString()));
        command.add("dev.xy.examples.EchoMcpServer");
        command.addAll(List.of("--port", "0"));
        command.addAll(List.of(flags));
        return new EchoServer(command);
    }

    /**
     * The KDL {@code command} and {@code args} lines that run the compiled server with these flags, for a
     * supervised server (its port then comes from {@code PORT}, which xy sets).
     */
    public static String configLines(String... flags) {
        compileOnce();
        StringBuilder args = new StringBuilder(
                "args \"-cp\" \"" + CLASSES.toAbsolutePath() + "\" \"dev.xy.examples.EchoMcpServer\"");
        for (String flag : flags) {
            args.append(" \"").append(flag).append('"');
        }
        return "command \"" + java() + "\"\n" + args + "\n";
    }

    /**
     * The command line that runs the compiled server with these flags and no port: it then listens on {@code
     * PORT}. For a test that starts it some other way than a config (from a shell script, say).
     */
    public static List<String> commandLine(String... flags) {
        compileOnce();
        List<String> command = new ArrayList<>(
                List.of(java(), "-cp", CLASSES.toAbsolutePath().toString(), "dev.xy.examples.EchoMcpServer"));
        command.addAll(List.of(flags));
        return command;
    }

    /** The server as the example configs run it: {@code java EchoMcpServer.java --port 0 flags…}. */
    public static EchoServer startFromSource(String... flags) throws IOException {
        requireSource();
        List<String> command = new ArrayList<>(List.of(java(), SOURCE.toString(), "--port", "0"));
        command.addAll(List.of(flags));
        return new EchoServer(command);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Everything the server printed so far. */
    public List<String> output() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines the server logged for requests of this kind ({@code initialize}, {@code DELETE session}…). */
    public long count(String prefix) {
        return output().stream()
                .filter(line -> line.startsWith("echo: " + prefix))
                .count();
    }

    /** Ends the server (a no-op when it has ended). */
    public void stop() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // A temp file left behind is harmless.
        }
    }

    private Optional<Integer> listeningPort() {
        for (String line : output()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Optional.of(Integer.parseInt(m.group(1)));
            }
        }
        return Optional.empty();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void requireSource() {
        if (!Files.isRegularFile(SOURCE)) {
            throw new IllegalStateException("the example server is not at " + SOURCE.toAbsolutePath()
                    + "; integration tests run from the xy-core directory of a full checkout");
        }
    }

    private static synchronized void compileOnce() {
        if (compiled) {
            return;
        }
        requireSource();
        try {
            Files.createDirectories(CLASSES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", CLASSES.toString(), SOURCE.toString());
        if (status != 0) {
            throw new IllegalStateException("the example server does not compile: " + SOURCE);
        }
        compiled = true;
    }
}
