package dev.xy.core.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/** The automatic restarts of the last 60 seconds, counted to detect a crash loop. */
public final class RetryWindow {
    public static final Duration LENGTH = Duration.ofSeconds(60);

    private final ArrayDeque<Instant> restarts = new ArrayDeque<>();

    public void record(Instant at) {
        restarts.addLast(at);
    }

    /** How many restarts happened in the 60 seconds up to {@code now}. */
    public int count(Instant now) {
        Instant horizon = now.minus(LENGTH);
        while (!restarts.isEmpty() && !restarts.peekFirst().isAfter(horizon)) {
            restarts.removeFirst();
        }
        return restarts.size();
    }

    public void clear() {
        restarts.clear();
    }
}
