package dev.xy.core.supervisor;

import dev.xy.core.health.McpIdentity;
import java.time.Duration;
import java.util.Optional;

/**
 * What a supervisor knows of its current process's readiness: whether it passed its health check, what it said
 * about itself, how many checks in a row failed, and why it is not ready. Confined to the supervisor's thread.
 */
final class Readiness {
    /** Between readiness probes of a starting server: soon enough that a start returns promptly when ready. */
    static final Duration STARTING_POLL = Duration.ofMillis(250);

    /** When the process was spawned, on the monotonic clock ({@link Scheduler#nanoTime}). */
    long spawnedNanos;

    boolean isReady;
    /** Kept after the process exits: what the server was, for a view of a stopped server. */
    Optional<McpIdentity> mcp = Optional.empty();

    int failures;
    String note;
    Scheduler.Cancellable pending;

    void reset(long spawnedAtNanos) {
        spawnedNanos = spawnedAtNanos;
        clear();
    }

    void clear() {
        isReady = false;
        failures = 0;
        note = null;
        pending = null;
    }

    void ready(Optional<McpIdentity> identity) {
        isReady = true;
        failures = 0;
        note = null;
        identity.ifPresent(i -> mcp = Optional.of(i));
    }

    /** A passing periodic check; true when that is news (earlier failures, or another tool list). */
    boolean recovered(Optional<McpIdentity> identity) {
        boolean news = failures > 0 || (identity.isPresent() && !identity.equals(mcp));
        ready(identity);
        return news;
    }

    void failed(int inARow, String reason) {
        failures = inARow;
        note = reason;
    }

    void lost(String reason) {
        isReady = false;
        note = reason;
    }

    /** For a transition's reason and the log: {@code echo 1.2.0, protocol 2025-06-18, 3 tools}. */
    static String describe(Optional<McpIdentity> identity) {
        return identity.map(i -> i.name() + " " + i.version() + ", protocol " + i.protocolVersion() + ", "
                        + i.tools().size() + (i.tools().size() == 1 ? " tool" : " tools"))
                .orElse("its port accepts connections");
    }
}
