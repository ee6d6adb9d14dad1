package dev.xy.core.supervisor;

import java.time.Duration;
import java.time.Instant;

/**
 * The time and the single thread of control of a supervisor. Everything a supervisor does runs through
 * {@link #execute} or {@link #schedule}, one task at a time, so its state needs no locks. Tests use a manual
 * implementation whose clocks only move when told to.
 *
 * <p>Two clocks: the wall clock ({@link #now}) says when something happened, for people; the monotonic one
 * ({@link #nanoTime}, and the delays of {@link #schedule}) measures how long something took, and is what every
 * decision about time uses. The wall clock can be stepped (NTP, a laptop waking with a wrong date, someone
 * setting it) and must not cut a start timeout short or keep old crashes in the restart window.
 */
public interface Scheduler {
    /** The wall-clock time: for display and records only, never to measure a duration. */
    Instant now();

    /**
     * A monotonic reading in nanoseconds, for measuring elapsed time: it never jumps when the wall clock is
     * stepped. Only the difference between two readings means anything.
     */
    long nanoTime();

    /** Runs {@code task} soon, after the tasks already queued. */
    void execute(Runnable task);

    /** Runs {@code task} after {@code delay} has passed on the monotonic clock, unless cancelled first. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can still be called off. */
    interface Cancellable {
        void cancel();
    }
}
