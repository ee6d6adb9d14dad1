package dev.xy.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.supervisor.ExecutorScheduler;
import dev.xy.core.supervisor.OsProcessLauncher;
import dev.xy.core.supervisor.ServerState;
import dev.xy.core.supervisor.ServerSupervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recording launcher under a real supervisor, with real process trees. */
class RecordingProcessLauncherIT {
    @TempDir
    Path dir;

    private final ExecutorScheduler scheduler = new ExecutorScheduler("xy-test-records");
    private final List<ServerSupervisor> supervisors = new ArrayList<>();
    private final List<ProcessHandle> spawned = new ArrayList<>();

    private ProcessRecordStore store() {
        return ProcessRecordStore.in(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ServerSupervisor supervisor : supervisors) {
            supervisor.shutdown().get(30, TimeUnit.SECONDS);
            supervisor.logs().close();
        }
        scheduler.close();
        TestTrees.killAll(spawned);
    }

    private ServerSupervisor running(ServerConfig config) throws Exception {
        ServerSupervisor supervisor = new ServerSupervisor(
                config,
                scheduler,
                new RecordingProcessLauncher(new OsProcessLauncher(dir), store()),
                TestTrees.hub(dir, config.name()));
        supervisors.add(supervisor);
        supervisor.start().get(10, TimeUnit.SECONDS);
        await().until(() -> supervisor.status().state() == ServerState.RUNNING);
        return supervisor;
    }

    private static long pid(ServerSupervisor supervisor) {
        return supervisor.status().pid().orElseThrow();
    }

    @Test
    void aRunningServerIsRecordedWithWhatIdentifiesItsTree() throws Exception {
        ServerSupervisor alpha = running(TestTrees.shell("alpha", "exec sleep 1000", Duration.ofSeconds(5)));
        long pid = pid(alpha);

        ProcessRecord record = store().read("alpha").orElseThrow();

        assertThat(record.pid()).isEqualTo(pid);
        assertThat(record.pgid()).isEqualTo(OptionalLong.of(pid));
        assertThat(record.sid()).isEqualTo(OptionalLong.of(pid));
        assertThat(record.start())
                .isEqualTo(ProcessTable.forThisSystem().find(pid).orElseThrow().start());
        assertThat(record.startedAt())
                .isEqualTo(ProcessHandle.of(pid).orElseThrow().info().startInstant());
        assertThat(record.command()).containsExactly("/bin/sh", "-c", "exec sleep 1000");
        Path file = store().dir().resolve("alpha.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void aStopRemovesTheRecordByTheTimeItCompletes() throws Exception {
        ServerSupervisor alpha =
                running(TestTrees.shell("alpha", TestTrees.TREE_WITH_GRANDCHILD, Duration.ofSeconds(5)));
        await().until(() -> TestTrees.tree(pid(alpha)).size() == 4);
        spawned.addAll(TestTrees.tree(pid(alpha)));

        assertThat(alpha.stop().get(30, TimeUnit.SECONDS)).isTrue();

        assertThat(store().dir().resolve("alpha.json")).doesNotExist();
        assertThat(spawned).noneMatch(p -> TestTrees.running(p.pid()));
    }

    @Test
    void aRestartReplacesTheRecordWithTheNewProcess() throws Exception {
        ServerSupervisor alpha = running(TestTrees.shell("alpha", "exec sleep 1000", Duration.ofSeconds(5)));
        long first = pid(alpha);

        alpha.restart().get(30, TimeUnit.SECONDS);

        long second = pid(alpha);
        assertThat(second).isNotEqualTo(first);
        assertThat(store().read("alpha").orElseThrow().pid()).isEqualTo(second);
    }

    @Test
    void leftoversOfAnExitedServerKeepTheRecordUntilTheyAreGone() throws Exception {
        // The server exits at once, leaving a child that ignores SIGTERM: the supervisor needs its SIGKILL.
        ServerSupervisor alpha = running(TestTrees.shell(
                "alpha",
                "(trap '' TERM; exec sleep 1000) & echo $! > child; sleep 0.5; exit 3",
                Duration.ofSeconds(3)));
        await().until(() -> Files.exists(dir.resolve("child"))
                && !Files.readString(dir.resolve("child")).isBlank());
        long child = Long.parseLong(Files.readString(dir.resolve("child")).trim());
        spawned.addAll(TestTrees.tree(child));
        await().until(() -> alpha.status().state() == ServerState.FAILED);

        assertThat(TestTrees.running(child)).isTrue();
        assertThat(store().read("alpha")).isPresent();

        await().atMost(Duration.ofSeconds(10)).until(() -> !TestTrees.running(child));
        await().until(() -> store().read("alpha").isEmpty());
    }
}
