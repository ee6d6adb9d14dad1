package dev.xy.core.logs;

/**
 * Bounds how much log history read back from the files for followers the daemon holds at once, over every
 * server: each follow that needs the files takes {@link LogHub#FOLLOWER_BYTES} (the most its history can be)
 * before reading and gives it back once its history has been passed on. Many clients asking for long histories at
 * once (say, {@code xy logs -f --tail 100000} in suspended terminals) would otherwise each hold theirs and the
 * reading's garbage at the same time, and grow the heap by hundreds of megabytes. One per engine; thread-safe.
 */
public final class HistoryBudget {
    /** Sixteen long histories on their way at once; a history is passed on in milliseconds to a reading client. */
    public static final long DEFAULT_BYTES = 16 * LogHub.FOLLOWER_BYTES;

    private final long limit;
    private long taken;

    public HistoryBudget(long limitBytes) {
        this.limit = limitBytes;
    }

    /** Takes {@code bytes} if they are left; false when the budget is spent. */
    synchronized boolean tryTake(long bytes) {
        if (taken + bytes > limit) {
            return false;
        }
        taken += bytes;
        return true;
    }

    synchronized void giveBack(long bytes) {
        taken -= bytes;
    }

    /** What is taken now (for tests and diagnostics). */
    public synchronized long taken() {
        return taken;
    }
}
