package dev.xy.core.recovery;

import dev.xy.core.config.HealthConfig;
import dev.xy.core.config.HealthMode;
import dev.xy.core.config.LogConfig;
import dev.xy.core.config.RestartConfig;
import dev.xy.core.config.RestartPolicy;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.config.StopConfig;
import dev.xy.core.logs.LogHub;
import dev.xy.core.logs.RotatingLogFile;
import dev.xy.core.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shell-script servers, their logs, and an independent look at which pids run, for recovery tests. */
final class TestTrees {
    static final RestartConfig NEVER =
            new RestartConfig(RestartPolicy.NEVER, Duration.ofMillis(10), Duration.ofMillis(10), 5);

    /**
     * A tree three deep: a shell, a shell it started, and that one's {@code sleep}, plus the first shell's own
     * {@code sleep}. The {@code wait}s keep the shells from exec-ing into their last command.
     */
    static final String TREE_WITH_GRANDCHILD = "sh -c 'sleep 1000 & wait' & sleep 1000 & wait";

    private TestTrees() {}

    static ServerConfig shell(String name, String script, Duration grace) throws IOException {
        return new ServerConfig(
                name,
                Path.of("/configs/" + name + ".kdl"),
                "/bin/sh",
                List.of("-c", script),
                FreePorts.next(),
                Map.of(),
                Optional.empty(),
                true,
                NEVER,
                new StopConfig(grace),
                LogConfig.DEFAULT,
                HealthConfig.DEFAULT.withMode(HealthMode.NONE));
    }

    static LogHub hub(Path dir, String name) throws IOException {
        return new LogHub(
                name, new RotatingLogFile(dir.resolve(name + ".log"), 1L << 30, 3), System::currentTimeMillis);
    }

    /**
     * A process and all its descendants, as the JDK sees them now. Handles, not pids: a handle remembers its
     * process's start time, so destroying one later never hits a process that reused the pid.
     */
    static List<ProcessHandle> tree(long pid) {
        List<ProcessHandle> tree = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(root -> {
            tree.add(root);
            root.descendants().forEach(tree::add);
        });
        return tree;
    }

    /** Whether a pid is a live process, by {@code ps}; a zombie counts as gone. */
    static boolean running(long pid) {
        try {
            Process ps = new ProcessBuilder("ps", "-o", "stat=", "-p", Long.toString(pid)).start();
            String stat = new String(ps.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            ps.waitFor();
            return !stat.isEmpty() && !stat.startsWith("Z");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills whatever a test left behind, by handle: never by name. */
    static void killAll(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
    }
}
