package dev.xy.core.supervisor;

import java.time.Duration;

/**
 * The wait before the next restart: starts at {@code initial}, doubles after each restart, capped at {@code max}.
 * It returns to {@code initial} only when the supervisor says the server stayed up long enough ({@link #reset}),
 * never merely because a spawn succeeded: a server that crashes two seconds after each start must still back off.
 */
public final class Backoff {
    private Duration initial;
    private Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay to use now; the following call returns twice as much, up to the cap. */
    public Duration nextDelay() {
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    public void reset() {
        next = initial;
    }

    /** New limits, applied in place: an untouched backoff starts at the new initial, else it is clamped. */
    public void reconfigure(Duration newInitial, Duration newMax) {
        boolean untouched = next.equals(initial);
        initial = newInitial;
        max = newMax;
        if (untouched) {
            next = initial;
        } else if (next.compareTo(max) > 0) {
            next = max;
        } else if (next.compareTo(initial) < 0) {
            next = initial;
        }
    }
}
