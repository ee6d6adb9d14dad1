package dev.xy.core.supervisor;

import static dev.xy.core.supervisor.ServerState.FAILED;
import static dev.xy.core.supervisor.ServerState.RESTARTING;
import static dev.xy.core.supervisor.ServerState.RUNNING;
import static dev.xy.core.supervisor.ServerState.STARTING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xy.core.config.HealthConfig;
import dev.xy.core.config.HealthMode;
import dev.xy.core.config.RestartConfig;
import dev.xy.core.config.RestartPolicy;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.health.ProbeOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wall clock may jump (an NTP step, a laptop waking with a wrong clock, someone setting the date): the crash
 * loop window, the start timeout, the backoff and the uptime are about time that passed, and must not jump with it.
 */
class SupervisorClockTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final ProbeOutcome NOTHING = new ProbeOutcome.Failed("nothing listens on 3001", true);

    @TempDir
    Path logDir;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final FakeProcessLauncher launcher = new FakeProcessLauncher();
    private final FakeHealthProbe probe = new FakeHealthProbe();
    private ServerSupervisor supervisor;

    /** At most two automatic restarts a minute, one second apart at first. */
    private ServerSupervisor started(HealthConfig health) {
        ServerConfig base = TestServers.config(RestartPolicy.ON_FAILURE, 2);
        ServerConfig config = new ServerConfig(
                base.name(),
                base.file(),
                base.command(),
                base.args(),
                base.port(),
                base.env(),
                base.workingDir(),
                base.autostart(),
                new RestartConfig(RestartPolicy.ON_FAILURE, Duration.ofSeconds(1), Duration.ofSeconds(1), 2),
                base.stop(),
                base.logs(),
                health);
        supervisor = new ServerSupervisor(config, scheduler, launcher, probe, TestServers.hub(logDir, "alpha"));
        supervisor.start("started by request", false);
        return supervisor;
    }

    private ServerState state() {
        return supervisor.status().state();
    }

    private String lastReason() {
        List<Transition> transitions = supervisor.status().transitions();
        return transitions.get(transitions.size() - 1).reason();
    }

    /** The running process crashes, and the backoff (1 s) is waited out. */
    private void crashAndRestart() {
        launcher.last().exitWith(3);
        assertThat(state()).isEqualTo(RESTARTING);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(state()).isEqualTo(RUNNING);
    }

    @Test
    void aWallClockStepBackwardsDoesNotKeepOldRestartsInTheWindow() {
        started(TestServers.NO_HEALTH_CHECK);
        crashAndRestart();
        scheduler.stepWallClock(HOUR.negated());
        scheduler.advance(Duration.ofMinutes(2));
        crashAndRestart();
        scheduler.advance(Duration.ofMinutes(2));

        // Three crashes, two minutes apart: never more than one in a minute, however the wall clock reads them.
        launcher.last().exitWith(3);

        assertThat(state()).isEqualTo(RESTARTING);
    }

    @Test
    void aWallClockStepForwardDoesNotHideACrashLoop() {
        started(TestServers.NO_HEALTH_CHECK);
        crashAndRestart();
        crashAndRestart();
        scheduler.stepWallClock(HOUR);

        launcher.last().exitWith(3);

        assertThat(state()).isEqualTo(FAILED);
        assertThat(lastReason()).startsWith("crashed 3 times in 60s, more than the 2 restarts a minute allowed");
    }

    @ParameterizedTest(name = "wall clock stepped by {0} hours")
    @ValueSource(ints = {1, -1})
    void aStartTimeoutCountsTheTimeThatPassedWhateverTheWallClockSays(int hours) {
        HealthConfig health = new HealthConfig(
                HealthMode.TCP, "/mcp", Duration.ofSeconds(10), Duration.ofSeconds(2), 3, Duration.ofSeconds(30));
        started(health);
        scheduler.advance(Duration.ZERO);
        probe.answer(NOTHING);
        scheduler.stepWallClock(HOUR.multipliedBy(hours));

        scheduler.advance(Duration.ofSeconds(10));
        probe.answer(NOTHING);
        assertThat(state()).as("10 s after the spawn: still starting").isEqualTo(STARTING);
        assertThat(launcher.last().terms).isZero();

        scheduler.advance(Duration.ofSeconds(21));
        probe.answer(NOTHING);
        assertThat(launcher.last().terms)
                .as("31 s after the spawn: stopped as not ready")
                .isPositive();
        assertThat(lastReason()).startsWith("not ready within 30s: nothing listens on 3001");
    }

    @ParameterizedTest(name = "wall clock stepped by {0} hours")
    @ValueSource(ints = {1, -1})
    void aBackoffWaitIsNeitherCutShortNorStretchedByAStep(int hours) {
        started(TestServers.NO_HEALTH_CHECK);
        launcher.last().exitWith(3);
        scheduler.stepWallClock(HOUR.multipliedBy(hours));

        scheduler.advance(Duration.ofMillis(999));
        assertThat(launcher.launched).hasSize(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(launcher.launched).hasSize(2);
    }

    @ParameterizedTest(name = "wall clock stepped by {0} hours")
    @ValueSource(ints = {1, -1})
    void uptimeIsTheTimeThatPassedWhileTheStartTimeShowsTheWallClock(int hours) {
        started(TestServers.NO_HEALTH_CHECK);
        java.time.Instant spawnedAt = scheduler.now();
        scheduler.advance(Duration.ofSeconds(5));
        scheduler.stepWallClock(HOUR.multipliedBy(hours));
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(supervisor.uptime()).contains(Duration.ofSeconds(10));
        assertThat(supervisor.status().startedAt()).contains(spawnedAt);
    }
}
