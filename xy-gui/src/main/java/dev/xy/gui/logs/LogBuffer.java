package dev.xy.gui.logs;

import dev.xy.core.logs.LogLine;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Lines that arrived but are not shown yet: filled by the stream's thread, emptied by the FX thread in one batch.
 * Bounded: past {@code capacity} the oldest pending lines are dropped (the pane could not keep them anyway) and
 * counted, so a burst costs the FX thread at most one pane's worth of lines per batch.
 */
final class LogBuffer {
    /** What one take hands over: the lines to show and how many were dropped before them. */
    record Batch(List<LogLine> lines, long skipped) {
        boolean isEmpty() {
            return lines.isEmpty() && skipped == 0;
        }
    }

    private final int capacity;
    private final ArrayDeque<LogLine> pending = new ArrayDeque<>();
    private long skipped;

    LogBuffer(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(LogLine line) {
        if (pending.size() == capacity) {
            pending.removeFirst();
            skipped++;
        }
        pending.addLast(line);
    }

    synchronized Batch takeAll() {
        Batch batch = new Batch(List.copyOf(pending), skipped);
        pending.clear();
        skipped = 0;
        return batch;
    }
}
