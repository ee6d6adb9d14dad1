package dev.xy.core.supervisor;

/** What a start (or restart) request led to. */
public enum StartOutcome {
    /** Running: ready, or spawned when the caller did not wait for ready. */
    STARTED,
    ALREADY_RUNNING,
    /** The process could not be spawned; {@link ServerSupervisor#lastSpawnFailure()} says why. */
    SPAWN_FAILED,
    /**
     * Spawned, but it did not become ready: it exited, failed its readiness probe until {@code start-timeout},
     * or was stopped first. {@link ServerSupervisor#lastStartFailure()} says why.
     */
    NOT_READY
}
