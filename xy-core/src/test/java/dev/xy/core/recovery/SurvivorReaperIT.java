package dev.xy.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.logs.LogHub;
import dev.xy.core.supervisor.LaunchedProcess;
import dev.xy.core.supervisor.OsProcessLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon's death, simulated, and the next daemon's recovery. Servers are launched through the recording
 * launcher and then abandoned: no supervisor ever captures their output, so nothing of the launcher learns that
 * they exit, just as nothing does when the daemon is dead. A fresh reaper on the same state directory must then
 * find and stop them.
 */
class SurvivorReaperIT {
    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final List<ProcessHandle> spawned = new ArrayList<>();
    private final List<LogHub> hubs = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        TestTrees.killAll(spawned);
        for (LogHub hub : hubs) {
            hub.close();
        }
    }

    private LaunchedProcess launchAndAbandon(ProcessTable table, ServerConfig config) throws Exception {
        LogHub hub = TestTrees.hub(dir, config.name());
        hubs.add(hub);
        RecordingProcessLauncher launcher =
                new RecordingProcessLauncher(new OsProcessLauncher(dir), ProcessRecordStore.in(dir), table);
        LaunchedProcess launched = launcher.launch(config, hub);
        ProcessHandle.of(launched.pid()).ifPresent(spawned::add);
        return launched;
    }

    /** The tree of a launched {@link TestTrees#TREE_WITH_GRANDCHILD}, once all four processes are there. */
    private List<ProcessHandle> wholeTree(LaunchedProcess launched) {
        await().until(() -> TestTrees.tree(launched.pid()).size() == 4);
        List<ProcessHandle> tree = TestTrees.tree(launched.pid());
        spawned.addAll(tree);
        return tree;
    }

    private static List<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).sorted().toList();
    }

    private List<ReapOutcome> reapWith(ProcessTable table) {
        return new SurvivorReaper(ProcessRecordStore.in(dir), table).reap(name -> Optional.of(GRACE));
    }

    private Path runDir() {
        return ProcessRecordStore.in(dir).dir();
    }

    private void assertRunDirEmpty() throws Exception {
        try (var files = Files.list(runDir())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aFreshReaperStopsTheWholeTreeOfAnAbandonedServerAndRemovesItsRecord() throws Exception {
        ProcessTable table = ProcessTable.forThisSystem();
        LaunchedProcess alpha =
                launchAndAbandon(table, TestTrees.shell("alpha", TestTrees.TREE_WITH_GRANDCHILD, GRACE));
        List<ProcessHandle> tree = wholeTree(alpha);
        assertThat(runDir().resolve("alpha.json")).exists();

        List<ReapOutcome> outcomes = reapWith(ProcessTable.forThisSystem());

        assertThat(outcomes).containsExactly(new ReapOutcome("alpha", ReapOutcome.Kind.STOPPED, pids(tree), ""));
        assertThat(tree).noneMatch(p -> TestTrees.running(p.pid()));
        assertRunDirEmpty();
    }

    @Test
    void thePortableProcessTableFindsAndStopsTheSameTree() throws Exception {
        ProcessTable table = new PsTable();
        LaunchedProcess alpha =
                launchAndAbandon(table, TestTrees.shell("alpha", TestTrees.TREE_WITH_GRANDCHILD, GRACE));
        List<ProcessHandle> tree = wholeTree(alpha);

        List<ReapOutcome> outcomes = reapWith(new PsTable());

        assertThat(outcomes).containsExactly(new ReapOutcome("alpha", ReapOutcome.Kind.STOPPED, pids(tree), ""));
        assertThat(tree).noneMatch(p -> TestTrees.running(p.pid()));
        assertRunDirEmpty();
    }

    @Test
    void whatALeaderLeftInItsGroupIsStoppedAfterTheLeaderHasGone() throws Exception {
        LaunchedProcess alpha = launchAndAbandon(
                ProcessTable.forThisSystem(),
                TestTrees.shell("alpha", "sleep 1000 & sleep 1000 & sleep 2; exit 0", GRACE));
        await().until(() -> TestTrees.tree(alpha.pid()).size() == 4);
        List<ProcessHandle> sleeps = TestTrees.tree(alpha.pid()).stream()
                .filter(p -> p.pid() != alpha.pid())
                .filter(p -> p.info().commandLine().orElse("").contains("1000"))
                .toList();
        spawned.addAll(sleeps);
        assertThat(sleeps).hasSize(2);
        await().until(() -> !TestTrees.running(alpha.pid()));

        List<ReapOutcome> outcomes = reapWith(ProcessTable.forThisSystem());

        assertThat(outcomes).containsExactly(new ReapOutcome("alpha", ReapOutcome.Kind.STOPPED, pids(sleeps), ""));
        assertThat(sleeps).noneMatch(p -> TestTrees.running(p.pid()));
        assertRunDirEmpty();
    }

    @Test
    void survivorsThatIgnoreSigtermGetSigkillAfterTheGrace() throws Exception {
        LaunchedProcess alpha = launchAndAbandon(
                ProcessTable.forThisSystem(), TestTrees.shell("alpha", "trap '' TERM; exec sleep 1000", GRACE));
        // Once the shell has become sleep, the trap is in place (an ignored signal stays ignored across exec).
        await().until(() -> ProcessHandle.of(alpha.pid())
                .flatMap(p -> p.info().command())
                .map(c -> c.endsWith("/sleep"))
                .orElse(false));

        List<ReapOutcome> outcomes = reapWith(ProcessTable.forThisSystem());

        assertThat(outcomes)
                .containsExactly(new ReapOutcome(
                        "alpha",
                        ReapOutcome.Kind.STOPPED,
                        List.of(alpha.pid()),
                        "SIGKILL after 2s to [" + alpha.pid() + "]"));
        assertThat(TestTrees.running(alpha.pid())).isFalse();
    }

    @Test
    void aPidThatNowBelongsToAnotherProcessIsLeftAlone() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "1000").start();
        spawned.add(stranger.toHandle());
        ProcessTable table = ProcessTable.forThisSystem();
        StartTime realStart = table.find(stranger.pid()).orElseThrow().start();
        ProcessRecordStore.in(dir)
                .write(new ProcessRecord(
                        "alpha",
                        stranger.pid(),
                        OptionalLong.of(stranger.pid()),
                        OptionalLong.of(stranger.pid()),
                        new StartTime(realStart.clock(), realStart.value() - 1),
                        Optional.empty(),
                        List.of("sleep", "1000"),
                        Instant.now()));

        List<ReapOutcome> outcomes = reapWith(table);

        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0).kind()).isEqualTo(ReapOutcome.Kind.LEFT_ALONE);
        assertThat(outcomes.get(0).describe())
                .isEqualTo("crash recovery: alpha: record stale: pid " + stranger.pid()
                        + " now belongs to another process (it started at another time); left alone");
        assertThat(stranger.waitFor(300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(stranger.isAlive()).isTrue();
        assertRunDirEmpty();
    }

    @Test
    void manyServersAreReapedAtOnceNotOneGraceAfterAnother() throws Exception {
        List<LaunchedProcess> stubborn = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            stubborn.add(launchAndAbandon(
                    ProcessTable.forThisSystem(), TestTrees.shell(name, "trap '' TERM; exec sleep 1000", GRACE)));
        }
        long started = System.nanoTime();

        List<ReapOutcome> outcomes = reapWith(ProcessTable.forThisSystem());

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(outcomes).extracting(ReapOutcome::kind).containsOnly(ReapOutcome.Kind.STOPPED);
        assertThat(stubborn).noneMatch(p -> TestTrees.running(p.pid()));
        assertThat(took)
                .as("four graces of 2s, taken together")
                .isGreaterThanOrEqualTo(GRACE)
                .isLessThan(GRACE.multipliedBy(3));
    }

    @Test
    void anUnreadableRecordIsReportedAndRemovedAndTheOthersAreStillHandled() throws Exception {
        LaunchedProcess alpha =
                launchAndAbandon(ProcessTable.forThisSystem(), TestTrees.shell("alpha", "exec sleep 1000", GRACE));
        Files.writeString(runDir().resolve("broken.json"), "{\"v\":1,\"name\":");

        List<ReapOutcome> outcomes = reapWith(ProcessTable.forThisSystem());

        assertThat(outcomes).extracting(ReapOutcome::subject).containsExactly("alpha", "broken.json");
        assertThat(outcomes.get(0).kind()).isEqualTo(ReapOutcome.Kind.STOPPED);
        assertThat(outcomes.get(1).kind()).isEqualTo(ReapOutcome.Kind.UNREADABLE);
        assertThat(outcomes.get(1).describe())
                .startsWith("crash recovery: broken.json: unreadable record removed: not JSON");
        assertThat(TestTrees.running(alpha.pid())).isFalse();
        assertRunDirEmpty();
    }
}
