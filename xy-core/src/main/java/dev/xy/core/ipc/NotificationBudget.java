package dev.xy.core.ipc;

/**
 * What every client's queue of notifications may hold together, so that the daemon's memory stays bounded
 * however many clients stop reading at once (each one alone is bounded by its {@link Outbox}). Counted in
 * characters of JSON text, as the outboxes are. Thread-safe.
 *
 * <p>When it is spent, a client that is behind itself (more than {@link #BEHIND} queued) is cut off; one that
 * keeps up still gets its notifications, over the budget if need be, so that clients that do not read cannot
 * take the stream away from those that do.
 */
final class NotificationBudget {
    /** A client with this much waiting is behind: when the budget is spent, it is the one cut off. */
    static final long BEHIND = 1024 * 1024;

    private final long limit;
    private long used;

    NotificationBudget(long limit) {
        this.limit = limit;
    }

    /**
     * Takes {@code size} for a client that has {@code queued} waiting already; false when the client is to be cut
     * off instead.
     */
    synchronized boolean take(long size, long queued) {
        if (used + size > limit && queued > BEHIND) {
            return false;
        }
        used += size;
        return true;
    }

    synchronized void give(long size) {
        used -= size;
    }

    synchronized long used() {
        return used;
    }
}
