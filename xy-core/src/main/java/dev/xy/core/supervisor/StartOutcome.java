package dev.xy.core.supervisor;

/** What a start request led to. */
public enum StartOutcome {
    STARTED,
    ALREADY_RUNNING,
    /** The process could not be spawned; {@link ServerSupervisor#lastSpawnFailure()} says why. */
    SPAWN_FAILED
}
