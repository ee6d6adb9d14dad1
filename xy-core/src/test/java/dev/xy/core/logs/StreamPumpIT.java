package dev.xy.core.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.config.HealthConfig;
import dev.xy.core.config.HealthMode;
import dev.xy.core.config.LogConfig;
import dev.xy.core.config.RestartConfig;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.config.StopConfig;
import dev.xy.core.supervisor.LaunchedProcess;
import dev.xy.core.supervisor.OsProcessLauncher;
import dev.xy.core.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every line a child wrote before it died reaches the file and the ring, however it died: the pipe still holds
 * them when the process is gone, and the pumps must read it to its end. Many short runs of real processes
 * through the real launcher, because what goes wrong here goes wrong only sometimes; {@code -Dxy.pumpRuns=10000}
 * runs more of them.
 */
class StreamPumpIT {
    private static final int RUNS = Integer.getInteger("xy.pumpRuns", 25);
    private static final int LINES = 2000;

    enum Ending {
        /** The child writes and exits. */
        EXITS("exit 0", false),
        /** The child writes and SIGKILLs itself at once. */
        KILLS_ITSELF("kill -9 $$", false),
        /** The child fills the pipe, says so, and xy sends SIGTERM to its tree (as a stop does). */
        TERMINATED_BY_XY("echo > \"$XY_WRITTEN\"; exec sleep 1000", true),
        /** The child fills the pipe, says so, and xy sends SIGKILL to its tree (as after a stop's grace). */
        KILLED_BY_XY("echo > \"$XY_WRITTEN\"; exec sleep 1000", true);

        final String after;
        /**
         * Whether xy ends it, with every line still in the pipe: the pump starts only after the signal, so that
         * the lines are there when the process ends, every time rather than when the race goes that way.
         */
        final boolean endedByXy;

        Ending(String after, boolean endedByXy) {
            this.after = after;
            this.endedByXy = endedByXy;
        }
    }

    @TempDir
    Path dir;

    private static ServerConfig config(String script, int port, Path written) {
        return new ServerConfig(
                "pump",
                Path.of("/configs/pump.kdl"),
                "/bin/sh",
                List.of("-c", script),
                port,
                Map.of("XY_WRITTEN", written.toString()),
                Optional.empty(),
                false,
                RestartConfig.DEFAULT,
                new StopConfig(Duration.ofSeconds(1)),
                LogConfig.DEFAULT,
                HealthConfig.DEFAULT.withMode(HealthMode.NONE));
    }

    @ParameterizedTest
    @EnumSource(Ending.class)
    void everyLineWrittenBeforeTheEndIsKept(Ending ending) throws Exception {
        // About 20 KB: the pipe holds all of it, so a child ended by xy has written every line before it ends.
        String script = "i=0; while [ $i -lt " + LINES + " ]; do echo \"line $i\"; i=$((i+1)); done; " + ending.after;
        OsProcessLauncher launcher = new OsProcessLauncher(dir);
        int port = FreePorts.next();
        for (int run = 0; run < RUNS; run++) {
            Path written = dir.resolve("written-" + run);
            Path logFile = dir.resolve("pump-" + run + ".log");
            try (LogHub hub =
                    new LogHub("pump", new RotatingLogFile(logFile, 1L << 30, 1), System::currentTimeMillis)) {
                LaunchedProcess child = launcher.launch(config(script, port, written), hub);
                if (ending.endedByXy) {
                    await().pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(1))
                            .atMost(Duration.ofSeconds(30))
                            .until(() -> Files.exists(written));
                    if (ending == Ending.KILLED_BY_XY) {
                        child.kill();
                    } else {
                        child.terminate();
                    }
                }
                child.captureOutput();
                child.exit().get(30, TimeUnit.SECONDS);
                int attempt = run;
                // The exit may be reported before the pumps are through (they get a short while): wait for them.
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hub.tail(LINES + 10))
                        .as("run %d", attempt)
                        .filteredOn(line -> line.stream() == LogStream.STDOUT)
                        .hasSize(LINES));
                List<LogLine> ring = hub.tail(LINES);
                for (int i = 0; i < LINES; i++) {
                    assertThat(ring.get(i).text()).isEqualTo("line " + i);
                }
            }
            List<String> file = Files.readAllLines(logFile);
            assertThat(file).as("run %d", run).hasSize(LINES);
            assertThat(file.get(LINES - 1)).endsWith(" stdout line " + (LINES - 1));
            Files.delete(logFile);
        }
    }
}
