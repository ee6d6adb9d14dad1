package dev.xy.core.daemon;

import dev.xy.core.logs.LogHub;
import dev.xy.core.logs.LogLine;
import dev.xy.core.logs.LogStream;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds what log tails hold in the daemon's memory: one tail is at most {@link #TAIL_BYTES} (its newest lines,
 * after a line saying how many were left out), and the tails of every connection read but not yet handed to
 * their clients at most {@link #PENDING_BYTES} together, so that batches of huge tails from many clients cannot
 * pin the daemon's memory. One per host; thread-safe.
 */
final class TailBudget {
    /** As much as a server's history read back from its files ({@link LogHub#HISTORY_BYTES}): any tail fits. */
    static final long TAIL_BYTES = LogHub.HISTORY_BYTES;

    static final long PENDING_BYTES = 4 * TAIL_BYTES;

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

    /** What a line costs in memory: its text (one byte a character, mostly) and the objects around it. */
    private static long bytes(LogLine line) {
        return line.text().length() + 64L;
    }

    /** Takes {@code bytes} of the budget, or refuses the tail when it is spent. */
    synchronized void reserve(long bytes) throws RpcException {
        if (pending + bytes > PENDING_BYTES) {
            throw new RpcException(
                    ErrorCodes.TOO_MANY_STREAMS,
                    "too much log tail waiting to be sent to clients: ask for fewer lines, or again once what was sent has been read");
        }
        pending += bytes;
    }

    synchronized void release(long bytes) {
        pending -= bytes;
    }
}
