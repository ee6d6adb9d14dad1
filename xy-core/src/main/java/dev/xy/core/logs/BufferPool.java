package dev.xy.core.logs;

import java.util.ArrayDeque;

/**
 * The 64 KB byte arrays that log capture reads into and writes out of, lent for as long as a burst of output
 * lasts and given back when it runs dry. A server that is quiet (most of them, most of the time) then holds no
 * I/O buffer at all, and the daemon's buffers are bounded by how many servers write at the same moment rather
 * than by how many there are.
 */
final class BufferPool {
    /** Every array lent is this long: as much as a pipe holds on Linux, so one read can empty it. */
    static final int BYTES = 64 * 1024;

    /** Shared by every server of the daemon. */
    static final BufferPool SHARED = new BufferPool(8);

    private final int keep;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();

    /** A pool that keeps up to {@code keep} arrays for reuse; more than that are left to the garbage collector. */
    BufferPool(int keep) {
        this.keep = keep;
    }

    /** An array of {@link #BYTES}, with whatever it held before: callers track their own lengths. */
    byte[] take() {
        synchronized (free) {
            byte[] array = free.pollLast();
            if (array != null) {
                return array;
            }
        }
        return new byte[BYTES];
    }

    /** Takes an array back; the caller must not touch it afterwards. */
    void give(byte[] array) {
        if (array.length != BYTES) {
            return;
        }
        synchronized (free) {
            if (free.size() < keep) {
                free.addLast(array);
            }
        }
    }

    /** How many arrays wait to be lent (for tests). */
    int idle() {
        synchronized (free) {
            return free.size();
        }
    }
}
