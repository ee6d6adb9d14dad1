package dev.xy.cli;

import dev.xy.core.config.Durations;
import dev.xy.core.daemon.ExitCodes;
import dev.xy.core.daemon.XyPaths;
import dev.xy.core.logs.RotatingLogFile;
import dev.xy.core.supervisor.ProcessGroups;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code xy daemon --detach}: starts the daemon as a background process of its own session (so closing the
 * terminal does not reach it), output appended to {@code <state dir>/daemon.log}, input from /dev/null, and
 * returns once its socket answers, or reports why it did not.
 */
final class DetachedDaemon {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int LOG_LINES_SHOWN = 20;
    private static final int TAIL_BYTES = 16 * 1024;

    private final XyPaths paths;
    private final Optional<Path> configDir;
    private final DaemonLaunch launch;
    private final Duration timeout;

    DetachedDaemon(XyPaths paths, Optional<Path> configDir, DaemonLaunch launch, Duration timeout) {
        this.paths = paths;
        this.configDir = configDir;
        this.launch = launch;
        this.timeout = timeout;
    }

    Path logFile() {
        return paths.stateDir().resolve("daemon.log");
    }

    int start(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        if (SocketProbe.answers(paths.socket())) {
            err.println("xy: a daemon is already running (it answers on " + paths.socket() + ")");
            return ExitCodes.OPERATIONAL_ERROR;
        }
        long logStart = prepareLog();
        Process daemon = spawn();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (SocketProbe.answers(paths.socket())) {
                out.println("xy daemon started in the background: pid " + daemon.pid());
                out.println("its log: " + logFile());
                return ExitCodes.OK;
            }
            if (!daemon.isAlive()) {
                err.println("xy: the daemon exited (exit code " + daemon.exitValue()
                        + ") before it answered; the end of " + logFile() + ":");
                printTail(err, logStart);
                // Invalid configs are exit 3 whether the daemon runs here or in the background.
                return daemon.exitValue() == ExitCodes.CONFIG_INVALID
                        ? ExitCodes.CONFIG_INVALID
                        : ExitCodes.OPERATIONAL_ERROR;
            }
            Thread.sleep(POLL.toMillis()); // polling a socket that has no way to tell us it is ready
        }
        err.println("xy: the daemon (pid " + daemon.pid() + ") did not answer on " + paths.socket() + " within "
                + Durations.format(timeout) + "; it is left running (stop it with kill " + daemon.pid()
                + "). The end of "
                + logFile() + ":");
        printTail(err, logStart);
        return ExitCodes.OPERATIONAL_ERROR;
    }

    /** Creates the log (private: servers' configs can end up in it) and returns where this run's lines begin. */
    private long prepareLog() throws IOException {
        RotatingLogFile.createPrivateDirectory(paths.stateDir());
        Path log = logFile();
        if (!Files.exists(log)) {
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.size(log);
    }

    private Process spawn() throws IOException {
        Path log = logFile();
        List<String> command = new ArrayList<>(ProcessGroups.leaderPrefix().orElse(List.of()));
        command.addAll(launch.command(configDir));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        DaemonLaunch.cleanEnvironment(builder.environment());
        return builder.start();
    }

    /** The last lines this run wrote, those after {@code from}: the log keeps the earlier runs too. */
    private void printTail(PrintWriter err, long from) {
        try (SeekableByteChannel channel = Files.newByteChannel(logFile())) {
            long start = Math.max(from, channel.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
            channel.position(start);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {}
            List<String> lines = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            if (start > from && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // the first one is probably cut
            }
            lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size())
                    .forEach(line -> err.println("  " + line));
        } catch (IOException e) {
            err.println("  (cannot read it: " + e.getMessage() + ")");
        }
    }
}
