package dev.xy.core.supervisor;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.health.McpIdentity;
import dev.xy.core.health.ProbeOutcome;
import dev.xy.core.health.ReadinessDecision;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Watches one process of a server for readiness, then health: schedules its probes (which run elsewhere, see
 * {@link HealthProbe}), weighs each result with the pure {@link ReadinessDecision}, and tells its supervisor what
 * follows. Confined to the supervisor's thread, like the supervisor itself; a result for a process it no longer
 * watches is dropped.
 */
final class HealthWatch {
    /** What the supervisor does about the watch's findings; called on the supervisor's thread. */
    interface Findings {
        /** The process passed: it is ready ({@code running}). */
        void ready(Optional<McpIdentity> mcp, String reason);

        /** Not ready in time, or failing in a row: the process must go, as a failure. */
        void unhealthy(String reason);

        /** Something worth telling changed (a failed check, a recovery, another tool list). */
        void changed(String reason);

        /** Something only the status shows changed (why it is not ready yet). */
        void noted();

        /** A line for the server's {@code xy} log stream. */
        void event(String text);
    }

    private enum Phase {
        NONE,
        STARTING,
        RUNNING
    }

    private final Scheduler scheduler;
    private final HealthProbe probe;
    private final Supplier<ServerConfig> config;
    private final Findings findings;
    private final Readiness readiness = new Readiness();
    private LaunchedProcess watched;
    private Phase phase = Phase.NONE;

    HealthWatch(Scheduler scheduler, HealthProbe probe, Supplier<ServerConfig> config, Findings findings) {
        this.scheduler = scheduler;
        this.probe = probe;
        this.config = config;
        this.findings = findings;
    }

    /** A new process, just spawned: ready at once when its health mode is {@code none}, else probed. */
    void watch(LaunchedProcess process, long spawnedNanos) {
        stop();
        watched = process;
        readiness.reset(spawnedNanos);
        if (ReadinessDecision.readyAtSpawn(config.get().health())) {
            phase = Phase.RUNNING;
            readiness.ready(Optional.empty());
            findings.ready(Optional.empty(), "pid " + process.pid());
        } else {
            phase = Phase.STARTING;
            probeAfter(Duration.ZERO);
        }
    }

    /** No more checks of the watched process: it is on its way out, or gone. What it said of itself is kept. */
    void stop() {
        cancelPending();
        phase = Phase.NONE;
        watched = null;
    }

    /** As {@link #stop()}, recording why it is not ready any more. */
    void lost(String reason) {
        stop();
        readiness.lost(reason);
    }

    /** The process has exited: nothing of its readiness is left but what the server said about itself. */
    void gone() {
        stop();
        readiness.clear();
    }

    /** Whether the watched process passes its checks; empty while no process is watched or just lost. */
    boolean isReady() {
        return readiness.isReady;
    }

    Optional<McpIdentity> mcp() {
        return readiness.mcp;
    }

    Optional<String> note() {
        return Optional.ofNullable(readiness.note);
    }

    private void cancelPending() {
        if (readiness.pending != null) {
            readiness.pending.cancel();
            readiness.pending = null;
        }
    }

    private void probeAfter(Duration delay) {
        LaunchedProcess target = watched;
        readiness.pending = scheduler.schedule(delay, () -> {
            if (target != watched || phase == Phase.NONE) {
                return;
            }
            Optional<McpIdentity> known = phase == Phase.RUNNING ? readiness.mcp : Optional.empty();
            probe.check(config.get(), target, known)
                    .whenComplete((outcome, error) -> scheduler.execute(() -> onProbe(
                            target,
                            outcome != null ? outcome : new ProbeOutcome.Failed("probe failed: " + error, false))));
        });
    }

    private void onProbe(LaunchedProcess probed, ProbeOutcome outcome) {
        if (probed != watched || phase == Phase.NONE) {
            return;
        }
        ServerConfig current = config.get();
        boolean starting = phase == Phase.STARTING;
        ReadinessDecision decision = ReadinessDecision.decide(
                current.health(),
                starting ? ReadinessDecision.Phase.STARTING : ReadinessDecision.Phase.RUNNING,
                Duration.ofNanos(scheduler.nanoTime() - readiness.spawnedNanos),
                readiness.failures,
                outcome);
        if (decision instanceof ReadinessDecision.Ready ready) {
            onReady(ready.mcp(), starting);
        } else if (decision instanceof ReadinessDecision.KeepWaiting waiting) {
            readiness.note = waiting.reason();
            findings.noted();
            probeAfter(Readiness.STARTING_POLL);
        } else if (decision instanceof ReadinessDecision.Degraded degraded) {
            readiness.failed(degraded.consecutiveFailures(), degraded.reason());
            String note = "health check failed (" + degraded.consecutiveFailures() + " of "
                    + current.health().failures() + "): " + degraded.reason();
            findings.event(note);
            findings.changed(note);
            probeAfter(current.health().interval());
        } else if (decision instanceof ReadinessDecision.Unhealthy unhealthy) {
            unhealthy(unhealthy.reason());
        } else if (decision instanceof ReadinessDecision.NotReadyInTime late) {
            unhealthy(late.reason());
        }
    }

    private void onReady(Optional<McpIdentity> mcp, boolean wasStarting) {
        if (wasStarting) {
            phase = Phase.RUNNING;
            readiness.ready(mcp);
            String reason = "ready: " + Readiness.describe(mcp);
            findings.event(reason);
            findings.ready(mcp, reason);
        } else if (readiness.recovered(mcp)) {
            findings.changed("health check passes again: " + Readiness.describe(mcp));
        }
        probeAfter(config.get().health().interval());
    }

    private void unhealthy(String reason) {
        lost(reason);
        findings.unhealthy(reason);
    }
}
