package dev.xy.core.supervisor;

import java.time.Duration;
import java.time.Instant;

/**
 * The time and the single thread of control of a supervisor. Everything a supervisor does runs through
 * {@link #execute} or {@link #schedule}, one task at a time, so its state needs no locks. Tests use a manual
 * implementation whose clock only moves when told to.
 */
public interface Scheduler {
    Instant now();

    /** Runs {@code task} soon, after the tasks already queued. */
    void execute(Runnable task);

    /** Runs {@code task} after {@code delay}, unless cancelled first. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can still be called off. */
    interface Cancellable {
        void cancel();
    }
}
