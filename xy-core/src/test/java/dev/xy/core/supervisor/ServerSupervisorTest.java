package dev.xy.core.supervisor;

import static dev.xy.core.supervisor.ServerState.FAILED;
import static dev.xy.core.supervisor.ServerState.RESTARTING;
import static dev.xy.core.supervisor.ServerState.RUNNING;
import static dev.xy.core.supervisor.ServerState.STARTING;
import static dev.xy.core.supervisor.ServerState.STOPPED;
import static dev.xy.core.supervisor.ServerState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.config.RestartConfig;
import dev.xy.core.config.RestartPolicy;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.logs.LogLine;
import dev.xy.core.supervisor.FakeProcessLauncher.FakeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The supervisor's state machine, driven by a fake launcher and a manual clock: no processes, no sleeps. */
class ServerSupervisorTest {
    @TempDir
    Path logDir;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final FakeProcessLauncher launcher = new FakeProcessLauncher();
    private final List<Transition> heard = new ArrayList<>();
    private ServerSupervisor supervisor;

    private ServerSupervisor supervise(ServerConfig config) {
        supervisor = new ServerSupervisor(config, scheduler, launcher, TestServers.hub(logDir, config.name()));
        supervisor.addListener(heard::add);
        return supervisor;
    }

    private ServerSupervisor started(ServerConfig config) {
        supervise(config);
        assertThat(supervisor.start()).isCompletedWithValue(StartOutcome.STARTED);
        return supervisor;
    }

    private ServerState state() {
        return supervisor.status().state();
    }

    private String lastReason() {
        List<Transition> transitions = supervisor.status().transitions();
        return transitions.get(transitions.size() - 1).reason();
    }

    private List<String> events() {
        return supervisor.logs().tail(1000).stream().map(LogLine::text).toList();
    }

    @Test
    void startSpawnsAndRecordsEachTransition() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 5));

        assertThat(state()).isEqualTo(RUNNING);
        assertThat(supervisor.status().pid()).hasValue(1000);
        assertThat(supervisor.status().startedAt()).contains(scheduler.now());
        assertThat(heard)
                .extracting(Transition::from, Transition::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(STOPPED, STARTING),
                        org.assertj.core.groups.Tuple.tuple(STARTING, RUNNING));
        assertThat(events()).containsExactly("started pid 1000");
    }

    @Test
    void startingARunningServerSaysAlreadyRunning() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 5));
        assertThat(supervisor.start()).isCompletedWithValue(StartOutcome.ALREADY_RUNNING);
        assertThat(launcher.launched).hasSize(1);
    }

    @ParameterizedTest(name = "{0} after exit {1} -> {2}")
    @CsvSource({
        "ALWAYS, 0, RESTARTING",
        "ALWAYS, 3, RESTARTING",
        "ALWAYS, -9, RESTARTING",
        "ON_FAILURE, 0, STOPPED",
        "ON_FAILURE, 3, RESTARTING",
        "ON_FAILURE, -9, RESTARTING",
        "NEVER, 0, STOPPED",
        "NEVER, 3, FAILED",
        "NEVER, -9, FAILED",
    })
    void policyDecidesWhatFollowsAnExit(RestartPolicy policy, int exit, ServerState expected) {
        started(TestServers.config(policy, 5));
        FakeProcess process = launcher.last();
        if (exit < 0) {
            process.kill();
        } else {
            process.exitWith(exit);
        }
        assertThat(state()).isEqualTo(expected);
        assertThat(supervisor.status().lastExit()).isPresent();
        assertThat(supervisor.status().pid()).isEmpty();
    }

    @Test
    void restartWaitsOutTheBackoffBeforeSpawning() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 5));
        launcher.last().exitWith(3);

        assertThat(lastReason()).isEqualTo("exited with code 3; restarting in 1s");
        scheduler.advance(Duration.ofMillis(999));
        assertThat(launcher.launched).hasSize(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(launcher.launched).hasSize(2);
        assertThat(state()).isEqualTo(RUNNING);
        assertThat(supervisor.status().restartCount()).isEqualTo(1);
        assertThat(events()).contains("exited with code 3", "restarting in 1s (restart 1)", "started pid 1001");
    }

    @Test
    void backoffDoublesUpToItsCap() {
        started(TestServers.config(RestartPolicy.ALWAYS, 100));
        List<String> delays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            launcher.last().exitWith(1);
            delays.add(lastReason().replaceAll(".*restarting in ", ""));
            scheduler.advance(Duration.ofSeconds(8));
        }
        assertThat(delays).containsExactly("1s", "2s", "4s", "8s", "8s", "8s");
    }

    @Test
    void backoffResetsOnlyAfterTheServerStayedUpForTheStablePeriod() {
        started(TestServers.config(RestartPolicy.ALWAYS, 100));
        launcher.last().exitWith(1); // 1s
        scheduler.advance(Duration.ofSeconds(1));
        scheduler.advance(Duration.ofSeconds(9)); // up 9s: not stable yet
        launcher.last().exitWith(1);
        assertThat(lastReason()).endsWith("restarting in 2s");
        scheduler.advance(Duration.ofSeconds(2));
        scheduler.advance(ServerSupervisor.STABLE_AFTER);
        launcher.last().exitWith(1);
        assertThat(lastReason()).endsWith("restarting in 1s");
    }

    @Test
    void aCrashLoopEndsInFailedWithTheReason() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 3));
        for (int i = 0; i < 3; i++) {
            launcher.last().exitWith(3);
            assertThat(state()).isEqualTo(RESTARTING);
            scheduler.advance(Duration.ofSeconds(8));
        }
        launcher.last().exitWith(3);

        assertThat(state()).isEqualTo(FAILED);
        assertThat(lastReason())
                .isEqualTo("crashed 4 times in 60s, more than the 3 restarts a minute allowed; last exit code 3");
        assertThat(events()).last().isEqualTo("failed: " + lastReason());
        scheduler.advance(Duration.ofHours(1));
        assertThat(launcher.launched).hasSize(4);
    }

    @Test
    void crashesSpreadBeyondTheWindowNeverFail() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 2));
        for (int i = 0; i < 10; i++) {
            launcher.last().exitWith(3);
            assertThat(state()).isEqualTo(RESTARTING);
            scheduler.advance(Duration.ofSeconds(31));
        }
        assertThat(supervisor.status().restartCount()).isEqualTo(10);
    }

    @Test
    void stopDuringBackoffCancelsTheRestart() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 5));
        launcher.last().exitWith(3);
        assertThat(state()).isEqualTo(RESTARTING);

        CompletableFuture<Boolean> stopped = supervisor.stop();

        assertThat(stopped).isCompletedWithValue(true);
        assertThat(state()).isEqualTo(STOPPED);
        assertThat(lastReason()).isEqualTo("stopped by request; pending restart cancelled");
        scheduler.advance(Duration.ofHours(1));
        assertThat(launcher.launched).hasSize(1);
    }

    @Test
    void aManualStartAfterFailedClearsTheWindowAndTheCount() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 1));
        launcher.last().exitWith(3);
        scheduler.advance(Duration.ofSeconds(1));
        launcher.last().exitWith(3);
        assertThat(state()).isEqualTo(FAILED);

        assertThat(supervisor.start()).isCompletedWithValue(StartOutcome.STARTED);
        assertThat(state()).isEqualTo(RUNNING);
        assertThat(supervisor.status().restartCount()).isZero();
        launcher.last().exitWith(3);
        assertThat(state()).isEqualTo(RESTARTING);
        assertThat(lastReason()).endsWith("restarting in 1s");
    }

    @Test
    void stopSendsTermAndKillsOnlyAfterTheGrace() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 5));
        FakeProcess process = launcher.last();
        process.ignoresTerm = true;

        CompletableFuture<Boolean> stopped = supervisor.stop();
        assertThat(state()).isEqualTo(STOPPING);
        assertThat(process.terms).isEqualTo(1);
        scheduler.advance(Duration.ofMillis(9_999));
        assertThat(process.kills).isZero();
        assertThat(stopped).isNotDone();

        scheduler.advance(Duration.ofMillis(1));

        assertThat(process.kills).isEqualTo(1);
        assertThat(stopped).isCompletedWithValue(true);
        assertThat(state()).isEqualTo(STOPPED);
        assertThat(supervisor.status().lastExit()).contains(ExitStatus.signal("SIGKILL"));
        assertThat(events()).contains("did not exit within 10s of SIGTERM: sending SIGKILL");
    }

    @Test
    void stopOfAStoppedServerSaysNotRunning() {
        supervise(TestServers.config(RestartPolicy.ON_FAILURE, 5));
        assertThat(supervisor.stop()).isCompletedWithValue(false);
    }

    @Test
    void aSpawnFailureGoesToFailedWithoutRetrying() {
        supervise(TestServers.config(RestartPolicy.ALWAYS, 5));
        launcher.failWith = "command `nope` not found on PATH";

        assertThat(supervisor.start()).isCompletedWithValue(StartOutcome.SPAWN_FAILED);

        assertThat(supervisor.lastSpawnFailure())
                .hasValueSatisfying(e -> assertThat(e).hasMessageContaining("nope"));
        assertThat(state()).isEqualTo(FAILED);
        assertThat(lastReason()).isEqualTo("cannot start: command `nope` not found on PATH");
        scheduler.advance(Duration.ofHours(1));
        assertThat(scheduler.pendingTimers()).isZero();
    }

    @Test
    void reconfigureRestartsOnlyWhenTheProcessWouldDiffer() {
        ServerConfig original = TestServers.config(RestartPolicy.ON_FAILURE, 5);
        started(original);

        ServerConfig policyOnly = TestServers.config(RestartPolicy.ALWAYS, 9);
        assertThat(supervisor.reconfigure(policyOnly)).isCompletedWithValue(false);
        assertThat(supervisor.status().pid()).hasValue(1000);

        ServerConfig newCommand = TestServers.config(
                "other",
                List.of("--flag"),
                policyOnly.restart(),
                policyOnly.stop().grace());
        assertThat(supervisor.reconfigure(newCommand)).isCompletedWithValue(true);
        assertThat(supervisor.status().pid()).hasValue(1001);
        assertThat(state()).isEqualTo(RUNNING);
        assertThat(launcher.configs.get(1).command()).isEqualTo("other");
    }

    @Test
    void inPlaceChangesApplyToTheNextDecision() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 5));
        supervisor.reconfigure(TestServers.config(RestartPolicy.NEVER, 5));
        launcher.last().exitWith(3);
        assertThat(state()).isEqualTo(FAILED);
        assertThat(lastReason()).isEqualTo("exited with code 3; restart policy is never");
    }

    @Test
    void restartOfARunningServerStopsThenStartsAFreshProcess() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 5));
        launcher.last().exitWith(3);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(supervisor.status().restartCount()).isEqualTo(1);

        CompletableFuture<StartOutcome> restarted = supervisor.restart();

        assertThat(restarted).isCompleted();
        assertThat(launcher.launched).hasSize(3);
        assertThat(state()).isEqualTo(RUNNING);
        assertThat(supervisor.status().restartCount()).isZero();
        assertThat(heard).extracting(Transition::to).endsWith(STOPPING, STOPPED, STARTING, RUNNING);
    }

    @Test
    void aRestartCompletesOnlyOnceTheNewProcessRuns() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 5));
        launcher.last().ignoresTerm = true;

        CompletableFuture<StartOutcome> restarted = supervisor.restart();
        assertThat(restarted).isNotDone();
        scheduler.advance(Duration.ofSeconds(10)); // grace over: SIGKILL, then the new process

        assertThat(restarted).isCompleted();
        assertThat(supervisor.status().pid()).hasValue(1001);
    }

    @Test
    void aWrapperThatExitsOnItsOwnHasItsLeftoversCleanedUp() {
        started(TestServers.config(RestartPolicy.NEVER, 5));
        FakeProcess process = launcher.last();
        process.leavesChildren = true;
        process.ignoresTerm = true;

        process.exitWith(0);
        assertThat(process.terms).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(10));

        assertThat(process.kills).isEqualTo(1);
        assertThat(events()).contains("leftover processes did not exit within 10s of SIGTERM: sending SIGKILL");
    }

    @Test
    void anAutomaticRestartWaitsForLeftoversToLeaveThePort() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 5));
        FakeProcess crashed = launcher.last();
        crashed.leavesChildren = true;
        crashed.ignoresTerm = true;

        crashed.exitWith(1);
        scheduler.advance(Duration.ofSeconds(1)); // backoff over, but the leftovers are still there
        assertThat(launcher.launched).hasSize(1);
        assertThat(state()).isEqualTo(RESTARTING);

        scheduler.advance(Duration.ofSeconds(9)); // grace over: SIGKILL, then the restart
        assertThat(crashed.kills).isEqualTo(1);
        scheduler.advance(Duration.ofMillis(50));
        assertThat(launcher.launched).hasSize(2);
        assertThat(state()).isEqualTo(RUNNING);
    }

    @Test
    void aStartDuringTheBackoffWaitsForLeftoversToo() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 5));
        FakeProcess crashed = launcher.last();
        crashed.leavesChildren = true;
        crashed.ignoresTerm = true;
        crashed.exitWith(1);
        assertThat(state()).isEqualTo(RESTARTING);

        CompletableFuture<StartOutcome> start = supervisor.start();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(launcher.launched).as("no spawn beside the leftovers").hasSize(1);
        assertThat(start).isNotDone();

        scheduler.advance(Duration.ofSeconds(9)); // grace over: SIGKILL, then the start
        scheduler.advance(Duration.ofMillis(50));
        assertThat(launcher.launched).hasSize(2);
        assertThat(start).isCompleted();
        assertThat(supervisor.status().restartCount())
                .as("a manual start forgets the crashes")
                .isZero();
    }

    @Test
    void shutdownKillsLeftoversStillInTheirGracePeriod() {
        started(TestServers.config(RestartPolicy.NEVER, 5));
        FakeProcess crashed = launcher.last();
        crashed.leavesChildren = true;
        crashed.ignoresTerm = true;
        crashed.exitWith(1);
        assertThat(crashed.kills).isZero();

        assertThat(supervisor.shutdown()).isCompleted();

        assertThat(crashed.kills).isEqualTo(1);
        assertThat(crashed.anyAlive()).isFalse();
    }

    @Test
    void shutdownStopsAndCompletesWhenTheProcessIsGone() {
        started(TestServers.config(RestartPolicy.ALWAYS, 5));
        assertThat(supervisor.shutdown()).isCompleted();
        assertThat(state()).isEqualTo(STOPPED);
        scheduler.advance(Duration.ofHours(1));
        assertThat(launcher.launched).hasSize(1);
    }

    @Test
    void onlyTheLastFiftyTransitionsAreKept() {
        started(TestServers.config(RestartPolicy.ALWAYS, 1000));
        for (int i = 0; i < 40; i++) {
            launcher.last().exitWith(1);
            scheduler.advance(Duration.ofSeconds(8));
        }
        assertThat(supervisor.status().transitions()).hasSize(50);
        assertThat(heard).hasSize(2 + 40 * 3);
    }

    @Test
    void theBackoffWaitCanBeChangedInPlace() {
        started(TestServers.config(RestartPolicy.ALWAYS, 100));
        supervisor.reconfigure(TestServers.config(
                "server",
                List.of(),
                new RestartConfig(RestartPolicy.ALWAYS, Duration.ofMillis(100), Duration.ofMillis(200), 100),
                Duration.ofSeconds(10)));
        launcher.last().exitWith(1);
        assertThat(lastReason()).endsWith("restarting in 100ms");
    }

    @Test
    void aStartOrRestartAfterShutdownStartsNothing() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 5));
        launcher.last().ignoresTerm = true;
        CompletableFuture<Void> shutdown = supervisor.shutdown();
        assertThat(state()).isEqualTo(STOPPING);

        CompletableFuture<StartOutcome> start = supervisor.start();
        CompletableFuture<StartOutcome> restart = supervisor.restart();
        launcher.last().exitWith(0);

        assertThat(shutdown).isDone();
        assertThat(start).isCompletedExceptionally();
        assertThat(restart).isCompletedExceptionally();
        assertThat(launcher.launched).as("nothing spawned after the shutdown").hasSize(1);
        assertThat(state()).isEqualTo(STOPPED);
    }

    @Test
    void commandsDroppedByAClosedSchedulerAreFailedNotLeftWaiting() {
        started(TestServers.config(RestartPolicy.ON_FAILURE, 5));
        assertThat(supervisor.shutdown()).isDone();
        scheduler.close();

        CompletableFuture<Boolean> stop = supervisor.stop();
        assertThat(stop).as("queued on a closed scheduler: it will never run").isNotDone();
        supervisor.abandonCommands();

        assertThat(stop).isCompletedExceptionally();
        assertThat(supervisor.start()).as("a command after that fails at once").isCompletedExceptionally();
    }
}
