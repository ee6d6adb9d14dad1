package dev.xy.core.health;

import dev.xy.core.config.Durations;
import dev.xy.core.config.HealthConfig;
import dev.xy.core.config.HealthMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a probe's outcome means for a server: a pure function of its health settings, whether it is still
 * starting, how long ago it was spawned, how many checks in a row failed before, and the latest outcome. Only a
 * probe counts: nothing the server prints ("listening on …") makes it ready.
 */
public sealed interface ReadinessDecision {
    /** Where the server is in its life. */
    enum Phase {
        /** Spawned, not yet ready: waiting for a first passing probe within {@code start-timeout}. */
        STARTING,
        /** Was found ready: checked every {@code interval}. */
        RUNNING
    }

    /** Ready (again): show it as {@code ready: true}, with what it said about itself; forget earlier failures. */
    record Ready(Optional<McpIdentity> mcp) implements ReadinessDecision {
        public Ready {
            Objects.requireNonNull(mcp, "mcp");
        }
    }

    /** Still starting, within {@code start-timeout}: probe again. The reason is why it is not ready yet. */
    record KeepWaiting(String reason) implements ReadinessDecision {}

    /**
     * Running, and this check failed, but fewer than {@code failures} in a row: it stays ready.
     *
     * @param consecutiveFailures the failures in a row, this one included, for the next decision
     */
    record Degraded(int consecutiveFailures, String reason) implements ReadinessDecision {}

    /** Running, and {@code failures} checks in a row failed: {@code ready: false}, then restart as the policy says. */
    record Unhealthy(String reason) implements ReadinessDecision {}

    /** Not ready within {@code start-timeout}: {@code ready: false}, then restart as the policy says. */
    record NotReadyInTime(String reason) implements ReadinessDecision {}

    /** True when a server counts as ready as soon as it is spawned, with no probe at all. */
    static boolean readyAtSpawn(HealthConfig health) {
        return health.mode() == HealthMode.NONE;
    }

    /**
     * @param sinceSpawn how long ago the process was spawned (only matters while starting)
     * @param failuresBefore the checks in a row that failed before this one (only matters while running)
     * @param latest the outcome of the probe that just ended
     */
    static ReadinessDecision decide(
            HealthConfig health, Phase phase, Duration sinceSpawn, int failuresBefore, ProbeOutcome latest) {
        if (readyAtSpawn(health)) {
            return new Ready(Optional.empty());
        }
        // A pass counts even when it ends just after start-timeout: the server is usable, which is what matters.
        if (latest instanceof ProbeOutcome.Passed passed) {
            return new Ready(passed.mcp());
        }
        String reason = ((ProbeOutcome.Failed) latest).reason();
        if (phase == Phase.STARTING) {
            return sinceSpawn.compareTo(health.startTimeout()) >= 0
                    ? new NotReadyInTime("not ready within " + Durations.format(health.startTimeout()) + ": " + reason)
                    : new KeepWaiting(reason);
        }
        int failures = failuresBefore + 1;
        if (failures < health.failures()) {
            return new Degraded(failures, reason);
        }
        String times = failures == 1 ? "once" : failures + " times in a row";
        return new Unhealthy("health check failed " + times + ": " + reason);
    }
}
