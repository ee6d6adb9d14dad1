package dev.xy.core.daemon;

import dev.xy.core.logs.LogLine;
import dev.xy.core.logs.LogStream;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds what log tails cost a connection: one tail is at most {@link #TAIL_BYTES} (its newest lines, with a
 * line saying what was left out), and the tails read but not yet handed to the connection at most {@link
 * #PENDING_BYTES}, so that a batch of huge tails cannot pin the daemon's memory.
 */
final class TailBudget {
    /** Half of what may wait unsent for a client: a tail fits, with room for the rest. */
    static final long TAIL_BYTES = 4L * 1024 * 1024;

    static final long PENDING_BYTES = 16L * 1024 * 1024;

    private long pending;

    /** The newest lines of {@code lines} that fit in {@link #TAIL_BYTES}, after a line saying how many did not. */
    static List<LogLine> newest(List<LogLine> lines) {
        long total = 0;
        int first = lines.size();
        while (first > 0 && total + bytes(lines.get(first - 1)) <= TAIL_BYTES) {
            total += bytes(lines.get(--first));
        }
        if (first == 0) {
            return lines;
        }
        LogLine oldest = lines.get(first);
        List<LogLine> kept = new ArrayList<>(lines.size() - first + 1);
        kept.add(new LogLine(
                oldest.server(),
                LogStream.XY,
                "… " + first + " earlier lines not sent: a tail is at most " + TAIL_BYTES / (1024 * 1024) + " MB",
                oldest.tsUnixMs()));
        kept.addAll(lines.subList(first, lines.size()));
        return kept;
    }

    static long bytes(List<LogLine> lines) {
        return lines.stream().mapToLong(TailBudget::bytes).sum();
    }

    private static long bytes(LogLine line) {
        return 2L * line.text().length() + 64;
    }

    /** Takes {@code bytes} of the connection's budget, or refuses the tail when the budget is spent. */
    synchronized void reserve(long bytes) throws RpcException {
        if (pending + bytes > PENDING_BYTES) {
            throw new RpcException(
                    ErrorCodes.TOO_MANY_STREAMS,
                    "too much log tail waiting to be sent on this connection: read what was sent first");
        }
        pending += bytes;
    }

    synchronized void release(long bytes) {
        pending -= bytes;
    }
}
