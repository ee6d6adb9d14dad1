package dev.xy.core.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The most recent lines of one server, bounded by memory rather than count, so huge lines cannot blow it up. */
final class LogRing {
    private final long capacityBytes;
    private final ArrayDeque<LogLine> lines = new ArrayDeque<>();
    private long usedBytes;

    LogRing(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    synchronized void add(LogLine line) {
        lines.addLast(line);
        usedBytes += line.footprint();
        while (usedBytes > capacityBytes && lines.size() > 1) {
            usedBytes -= lines.removeFirst().footprint();
        }
    }

    /** The last {@code count} lines, oldest first. */
    synchronized List<LogLine> tail(int count) {
        int take = Math.min(Math.max(count, 0), lines.size());
        List<LogLine> tail = new ArrayList<>(take);
        Iterator<LogLine> newestFirst = lines.descendingIterator();
        for (int i = 0; i < take; i++) {
            tail.add(newestFirst.next());
        }
        java.util.Collections.reverse(tail);
        return tail;
    }
}
