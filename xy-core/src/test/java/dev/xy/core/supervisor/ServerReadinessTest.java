package dev.xy.core.supervisor;

import static dev.xy.core.supervisor.ServerState.FAILED;
import static dev.xy.core.supervisor.ServerState.RESTARTING;
import static dev.xy.core.supervisor.ServerState.RUNNING;
import static dev.xy.core.supervisor.ServerState.STARTING;
import static dev.xy.core.supervisor.ServerState.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.config.HealthConfig;
import dev.xy.core.config.HealthMode;
import dev.xy.core.config.RestartConfig;
import dev.xy.core.config.RestartPolicy;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.health.McpEra;
import dev.xy.core.health.McpIdentity;
import dev.xy.core.health.ProbeOutcome;
import dev.xy.core.logs.LogLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness and health in the supervisor's state machine: fake processes, fake probes, a manual clock. */
class ServerReadinessTest {
    private static final HealthConfig MCP = new HealthConfig(
            HealthMode.MCP, "/mcp", Duration.ofSeconds(10), Duration.ofSeconds(2), 3, Duration.ofSeconds(60));
    private static final McpIdentity ECHO =
            new McpIdentity("echo", "1.2.0", "2025-06-18", McpEra.HANDSHAKE, List.of("echo", "add"));
    private static final ProbeOutcome PASS = new ProbeOutcome.Passed(Optional.of(ECHO));
    private static final ProbeOutcome NOTHING = new ProbeOutcome.Failed("nothing listens on 3001", true);

    @TempDir
    Path logDir;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final FakeProcessLauncher launcher = new FakeProcessLauncher();
    private final FakeHealthProbe probe = new FakeHealthProbe();
    private final List<String> changes = new ArrayList<>();
    private ServerSupervisor supervisor;

    private ServerSupervisor supervise(RestartPolicy policy) {
        ServerConfig base = TestServers.config(policy, 5);
        ServerConfig config = new ServerConfig(
                base.name(),
                base.file(),
                base.command(),
                base.args(),
                base.port(),
                base.env(),
                base.workingDir(),
                base.autostart(),
                new RestartConfig(policy, Duration.ofSeconds(1), Duration.ofSeconds(8), 5),
                base.stop(),
                base.logs(),
                MCP);
        supervisor = new ServerSupervisor(config, scheduler, launcher, probe, TestServers.hub(logDir, "alpha"));
        supervisor.addChangeListener(changes::add);
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

    /** Runs the timers due now: the first probe of a spawn is scheduled without delay. */
    private void tick(Duration by) {
        scheduler.advance(by);
    }

    private CompletableFuture<StartOutcome> startedAndReady() {
        CompletableFuture<StartOutcome> start =
                supervise(RestartPolicy.ON_FAILURE).start();
        tick(Duration.ZERO);
        probe.answer(PASS);
        return start;
    }

    @Test
    void aSpawnedServerIsStartingUntilItsProbePassesAndTheStartWaitsForThat() {
        CompletableFuture<StartOutcome> start =
                supervise(RestartPolicy.ON_FAILURE).start();
        tick(Duration.ZERO);

        assertThat(state()).isEqualTo(STARTING);
        assertThat(supervisor.status().pid()).hasValue(1000);
        assertThat(supervisor.status().ready()).contains(false);
        assertThat(changes).containsExactly("pid 1000");
        assertThat(start).isNotDone();

        probe.answer(NOTHING);
        assertThat(supervisor.status().healthNote()).contains("nothing listens on 3001");
        tick(Readiness.STARTING_POLL);
        probe.answer(PASS);

        assertThat(start).isCompletedWithValue(StartOutcome.STARTED);
        assertThat(state()).isEqualTo(RUNNING);
        assertThat(supervisor.status().ready()).contains(true);
        assertThat(supervisor.status().mcp()).contains(ECHO);
        assertThat(lastReason()).isEqualTo("ready: echo 1.2.0, protocol 2025-06-18, 2 tools");
    }

    @Test
    void aCallerThatDoesNotWaitIsAnsweredAtSpawn() {
        CompletableFuture<StartOutcome> start =
                supervise(RestartPolicy.ON_FAILURE).start("started by request", false);
        tick(Duration.ZERO);
        assertThat(start).isCompletedWithValue(StartOutcome.STARTED);
        assertThat(state()).isEqualTo(STARTING);
    }

    @Test
    void notReadyWithinTheStartTimeoutIsStoppedAndRestartedAsAFailure() {
        CompletableFuture<StartOutcome> start =
                supervise(RestartPolicy.ON_FAILURE).start();
        tick(Duration.ZERO);
        probe.answer(NOTHING);
        tick(Duration.ofSeconds(61));
        launcher.last().ignoresTerm = true;
        probe.answer(NOTHING);

        assertThat(launcher.last().terms).isEqualTo(1);
        assertThat(supervisor.status().ready()).contains(false);
        assertThat(supervisor.status().healthNote()).contains("not ready within 1m: nothing listens on 3001");
        assertThat(start).as("answered once the process is gone").isNotDone();
        launcher.last().exitWith(0);
        assertThat(state()).as("restarting once the process has exited").isEqualTo(RESTARTING);
        assertThat(lastReason()).startsWith("not ready within 1m: nothing listens on 3001; restarting in 1s");
        assertThat(start).isCompletedWithValue(StartOutcome.NOT_READY);
        assertThat(supervisor.lastStartFailure())
                .hasValueSatisfying(r -> assertThat(r).contains("not ready within"));

        tick(Duration.ofSeconds(1));
        assertThat(launcher.launched).hasSize(2);
        assertThat(state()).isEqualTo(STARTING);
    }

    @Test
    void aStopLetsTheProbeEndWhatItKeepsOnTheServerBeforeSigterm() {
        startedAndReady();
        FakeProcessLauncher.FakeProcess running = launcher.last();
        CompletableFuture<Void> releasing = new CompletableFuture<>();
        probe.releasing = releasing;

        CompletableFuture<Boolean> stop = supervisor.stop();

        assertThat(probe.released).containsExactly(running);
        assertThat(running.terms)
                .as("no SIGTERM while the probe ends its session")
                .isZero();
        assertThat(state()).isEqualTo(ServerState.STOPPING);
        releasing.complete(null);
        assertThat(running.terms).isEqualTo(1);
        assertThat(state()).isEqualTo(STOPPED);
        assertThat(stop).isDone();
    }

    @Test
    void anUnhealthyServerIsReleasedByTheProbeBeforeItsSigtermToo() {
        startedAndReady();
        FakeProcessLauncher.FakeProcess running = launcher.last();
        CompletableFuture<Void> releasing = new CompletableFuture<>();
        probe.releasing = releasing;
        for (int i = 0; i < 3; i++) {
            tick(Duration.ofSeconds(10));
            probe.answer(NOTHING);
        }

        assertThat(probe.released).containsExactly(running);
        assertThat(running.terms).isZero();
        running.ignoresTerm = true;
        releasing.complete(null);
        assertThat(running.terms).isEqualTo(1);
        running.exitWith(0);
        assertThat(state()).isEqualTo(RESTARTING);
    }

    @Test
    void aRunningServerThatFailsItsChecksInARowIsRestartedEvenIfItExitsCleanly() {
        startedAndReady();
        tick(Duration.ofSeconds(10));
        probe.answer(NOTHING);
        assertThat(supervisor.status().ready()).as("one failure is not enough").contains(true);
        assertThat(changes).contains("health check failed (1 of 3): nothing listens on 3001");
        tick(Duration.ofSeconds(10));
        probe.answer(NOTHING);
        launcher.last().ignoresTerm = true;
        tick(Duration.ofSeconds(10));
        probe.answer(NOTHING);

        assertThat(supervisor.status().ready()).contains(false);
        assertThat(state()).isEqualTo(RUNNING);
        assertThat(events())
                .contains("unhealthy: health check failed 3 times in a row: nothing listens on 3001; sending SIGTERM");
        launcher.last().exitWith(0);

        assertThat(state()).isEqualTo(RESTARTING);
        assertThat(lastReason())
                .startsWith("health check failed 3 times in a row: nothing listens on 3001; restarting");
    }

    @Test
    void aPassingCheckForgetsEarlierFailures() {
        startedAndReady();
        tick(Duration.ofSeconds(10));
        probe.answer(NOTHING);
        tick(Duration.ofSeconds(10));
        probe.answer(NOTHING);
        tick(Duration.ofSeconds(10));
        probe.answer(PASS);
        assertThat(changes).contains("health check passes again: echo 1.2.0, protocol 2025-06-18, 2 tools");
        tick(Duration.ofSeconds(10));
        probe.answer(NOTHING);
        tick(Duration.ofSeconds(10));
        probe.answer(NOTHING);
        assertThat(supervisor.status().ready()).contains(true);
        assertThat(state()).isEqualTo(RUNNING);
    }

    @Test
    void periodicChecksKnowTheServersIdentityAndNoticeNewTools() {
        startedAndReady();
        tick(Duration.ofSeconds(10));
        FakeHealthProbe.Asked asked =
                probe.answer(new ProbeOutcome.Passed(Optional.of(ECHO.withTools(List.of("echo", "add", "sum")))));
        assertThat(asked.known()).contains(ECHO);
        assertThat(supervisor.status().mcp().orElseThrow().tools()).hasSize(3);
        assertThat(changes).last().asString().startsWith("health check passes again");
    }

    @Test
    void underPolicyNeverAnUnhealthyServerFails() {
        CompletableFuture<StartOutcome> start = supervise(RestartPolicy.NEVER).start();
        tick(Duration.ZERO);
        tick(Duration.ofSeconds(61));
        probe.answer(NOTHING);
        assertThat(state()).isEqualTo(FAILED);
        assertThat(lastReason()).isEqualTo("not ready within 1m: nothing listens on 3001; restart policy is never");
        assertThat(start).isCompletedWithValue(StartOutcome.NOT_READY);
    }

    @Test
    void aResultForAReplacedProcessIsDropped() {
        startedAndReady();
        tick(Duration.ofSeconds(10)); // a periodic check is now in flight for pid 1000
        supervisor.restart(false);
        assertThat(launcher.launched).hasSize(2);
        probe.answer(NOTHING); // the old process's answer arrives late
        tick(Duration.ZERO);
        assertThat(probe.pending).singleElement().satisfies(a -> assertThat(a.process())
                .isSameAs(launcher.last()));
        assertThat(supervisor.status().pid()).hasValue(1001);
        assertThat(state()).isEqualTo(STARTING);
        assertThat(supervisor.status().healthNote()).isEmpty();
    }

    @Test
    void aServerThatExitsBeforeItIsReadyEndsTheWaitingStart() {
        CompletableFuture<StartOutcome> start =
                supervise(RestartPolicy.ON_FAILURE).start();
        tick(Duration.ZERO);
        launcher.last().exitWith(1);
        assertThat(start).isCompletedWithValue(StartOutcome.NOT_READY);
        assertThat(supervisor.lastStartFailure()).contains("exited with code 1; restarting in 1s");
        assertThat(supervisor.status().ready()).isEmpty();
    }

    @Test
    void aStopWhileStartingEndsTheWaitingStart() {
        CompletableFuture<StartOutcome> start =
                supervise(RestartPolicy.ON_FAILURE).start();
        tick(Duration.ZERO);
        supervisor.stop();
        assertThat(state()).isEqualTo(STOPPED);
        assertThat(start).isCompletedWithValue(StartOutcome.NOT_READY);
    }

    @Test
    void aRestartAnswersWhenTheNewProcessIsReady() {
        startedAndReady();
        CompletableFuture<StartOutcome> restart = supervisor.restart();
        assertThat(restart).isNotDone();
        tick(Duration.ZERO);
        probe.pending.removeIf(a -> a.process() != launcher.last()); // the old process's last check
        probe.answer(PASS);
        assertThat(restart).isCompletedWithValue(StartOutcome.STARTED);
        assertThat(supervisor.status().pid()).hasValue(1001);
    }

    @Test
    void aStartWhileAnAutomaticRestartIsStartingWaitsForThatAttemptAndForgetsTheCrashes() {
        CompletableFuture<StartOutcome> first =
                supervise(RestartPolicy.ON_FAILURE).start();
        tick(Duration.ZERO);
        launcher.last().exitWith(3);
        assertThat(first).isCompletedWithValue(StartOutcome.NOT_READY);
        tick(Duration.ofSeconds(1)); // the automatic restart spawns
        assertThat(state()).isEqualTo(STARTING);
        assertThat(supervisor.status().restartCount()).isEqualTo(1);

        CompletableFuture<StartOutcome> again = supervisor.start();
        assertThat(again).as("not 'already running': it is not ready").isNotDone();
        assertThat(supervisor.status().restartCount()).isZero();
        tick(Duration.ZERO);
        probe.pending.removeIf(a -> a.process() != launcher.last());
        probe.answer(PASS);
        assertThat(again).isCompletedWithValue(StartOutcome.STARTED);
    }
}
