package dev.xy.core.logs;

/**
 * Bounds what the followers of every server hold together, beyond a small allowance each: the history a follow
 * reads back from the files (it takes an estimate before reading, then what the lines take, and gives that back once
 * the history has been passed on) and the live lines queued for a reader that lags (beyond
 * {@link LogFollower#OWN_BYTES}). A reader less than that behind never needs it. Without it, many clients that ask for long
 * histories or stop reading (say, {@code xy logs -f --tail 100000} in suspended terminals) each held up to 4 MB of
 * history and 4 MB of queue at once, and grew the daemon's heap by hundreds of megabytes before they were cut off.
 * One per engine; thread-safe.
 */
public final class FollowerBudget {
    /** Eight long histories at once, or that much lag over every follower. */
    public static final long DEFAULT_BYTES = 16 * LogHub.FOLLOWER_BYTES;

    private final long limit;
    private long taken;

    public FollowerBudget(long limitBytes) {
        this.limit = limitBytes;
    }

    /** No bound: for a hub of its own (tests, tools). */
    public static FollowerBudget unbounded() {
        return new FollowerBudget(Long.MAX_VALUE);
    }

    /** Takes {@code bytes} if they are left; false when the budget is spent. */
    synchronized boolean tryTake(long bytes) {
        if (taken + bytes > limit) {
            return false;
        }
        taken += bytes;
        return true;
    }

    /**
     * Turns what was taken as an estimate ({@code taken}) into what is held ({@code held}), even past the limit:
     * the lines are read already. Returns {@code held}.
     */
    synchronized long settle(long taken, long held) {
        this.taken += held - taken;
        return held;
    }

    synchronized void giveBack(long bytes) {
        taken -= bytes;
    }

    /** What is taken now (for tests and diagnostics). */
    public synchronized long taken() {
        return taken;
    }
}
