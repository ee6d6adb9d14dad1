package dev.xy.core.health;

import dev.xy.core.config.Durations;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The end of one probe's time: every connect and read of a probe is bounded by what is left of it, so a probe
 * ends within its timeout whatever the server does (answers slowly, trickles bytes, or never answers).
 */
final class Deadline {
    private final Duration total;
    private final long endNanos;

    private Deadline(Duration total, long endNanos) {
        this.total = total;
        this.endNanos = endNanos;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(timeout, System.nanoTime() + timeout.toNanos());
    }

    /** A deadline that ends no later than this one, and within {@code limit} from now. */
    Deadline within(Duration limit) {
        long end = Math.min(endNanos, System.nanoTime() + limit.toNanos());
        return new Deadline(total, end);
    }

    /** The whole timeout this deadline was made from, for messages. */
    String describeTotal() {
        return Durations.format(total);
    }

    /** What is left, in whole milliseconds of at least 1 (0 would mean "no timeout" to sockets). */
    int remainingMillis() throws SocketTimeoutException {
        long nanos = endNanos - System.nanoTime();
        if (nanos <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000));
    }
}
