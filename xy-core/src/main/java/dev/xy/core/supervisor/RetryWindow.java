package dev.xy.core.supervisor;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The automatic restarts of the last 60 seconds, counted to detect a crash loop. Times are monotonic readings
 * ({@link Scheduler#nanoTime}): a wall clock stepped back would keep old restarts in the window for as long as the
 * step, and one stepped forward would empty it in the middle of a loop.
 */
public final class RetryWindow {
    public static final Duration LENGTH = Duration.ofSeconds(60);

    private final ArrayDeque<Long> restartNanos = new ArrayDeque<>();

    public void record(long atNanos) {
        restartNanos.addLast(atNanos);
    }

    /** How many restarts happened in the 60 seconds up to {@code nowNanos}. */
    public int count(long nowNanos) {
        long length = LENGTH.toNanos();
        while (!restartNanos.isEmpty() && nowNanos - restartNanos.peekFirst() >= length) {
            restartNanos.removeFirst();
        }
        return restartNanos.size();
    }

    public void clear() {
        restartNanos.clear();
    }
}
