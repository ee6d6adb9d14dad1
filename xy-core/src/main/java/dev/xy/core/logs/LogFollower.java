package dev.xy.core.logs;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A live reader of one server's log. The writer side never waits: when this follower's buffer is full, new
 * lines are dropped and counted, and the reader later receives one marker line ("… 1234 lines skipped") where
 * they would have been. A slow reader therefore costs only itself. Full means its capacity, or — past its own
 * {@link #OWN_BYTES} of live lines — the {@link FollowerBudget} that all followers share, so that many slow
 * readers together cannot hold more than that: while others hold it, a reader that falls behind skips sooner.
 * The lines a follow asked for (the ring's tail, the history) are always kept.
 */
public final class LogFollower implements AutoCloseable {
    /** Live lines a follower may queue without the shared budget: a reader less than this behind never needs it. */
    static final long OWN_BYTES = 256 * 1024;

    private static final long MARKER_FOOTPRINT = 128;

    private final String server;
    private final long capacityBytes;
    private final FollowerBudget shared;
    private final Consumer<LogFollower> onClose;
    private final ArrayDeque<LogLine> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** Of {@link #queuedBytes}, the live lines: not the history or the ring's lines the follow began with. */
    private long liveBytes;
    /** How much of {@link #liveBytes} the shared budget holds: what is past {@link #OWN_BYTES}. */
    private long sharedTaken;

    private long skipped;
    private boolean closed;
    /** Why the log ended under this follower, when it did; null while it lasts or when the reader closed it. */
    private String endReason;
    /** While older lines are still being read from the files, the reader waits: they must come first. */
    private boolean awaitingHistory;
    /** How many of the queued lines are history still to be passed on, and what to do once none is left. */
    private int historyLeft;
    /** How many of the queued lines, after the history, are the ring's lines the follow began with. */
    private int seedLeft;

    private Runnable historyPassedOn = () -> {};

    LogFollower(String server, long capacityBytes, FollowerBudget shared, Consumer<LogFollower> onClose) {
        this.server = server;
        this.capacityBytes = capacityBytes;
        this.shared = shared;
        this.onClose = onClose;
    }

    /** Called by the writer; never blocks. */
    synchronized void offer(LogLine line) {
        if (closed) {
            return;
        }
        if (skipped > 0 && !admit(line.footprint() + MARKER_FOOTPRINT)) {
            skipped++;
            return;
        }
        if (skipped > 0) {
            enqueue(marker(line.tsUnixMs()));
        }
        if (admit(line.footprint())) {
            enqueue(line);
        } else {
            skipped++;
        }
    }

    /** The next line, waiting up to {@code timeout}; empty on timeout or once closed and drained. */
    public synchronized Optional<LogLine> poll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closed && (awaitingHistory || (queue.isEmpty() && skipped == 0))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (awaitingHistory) {
            return Optional.empty(); // closed before the history came
        }
        if (!queue.isEmpty()) {
            LogLine line = queue.removeFirst();
            queuedBytes -= line.footprint();
            if (historyLeft > 0) { // the history stands in front of every other line, then the seed
                if (--historyLeft == 0) {
                    historyDone();
                }
            } else if (seedLeft > 0) {
                seedLeft--;
            } else {
                liveBytes -= line.footprint();
                settleShared();
            }
            return Optional.of(line);
        }
        if (skipped > 0) {
            return Optional.of(marker(System.currentTimeMillis()));
        }
        return Optional.empty();
    }

    /**
     * The ring's newest lines, asked for with the follow: queued before any live line, and — like history — not
     * counted against the shared budget (the ring bounds them), so a follow never loses the lines it asked for.
     */
    synchronized void seed(List<LogLine> recent) {
        for (LogLine line : recent) {
            queue.addLast(line);
            queuedBytes += line.footprint();
        }
        seedLeft = recent.size();
        notifyAll();
    }

    /** Holds the reader back until {@link #precede} delivers the lines that come before those offered. */
    synchronized void awaitHistory() {
        awaitingHistory = true;
    }

    /**
     * Puts {@code older} (oldest first) in front of every line offered so far and lets the reader go on. They
     * were asked for, so they are kept even beyond the follower's capacity; their number is bounded by the
     * caller's byte budget. {@code passedOn} runs once the reader has taken the last of them, or at close.
     */
    synchronized void precede(List<LogLine> older, Runnable passedOn) {
        for (int i = older.size() - 1; i >= 0; i--) {
            LogLine line = older.get(i);
            queue.addFirst(line);
            queuedBytes += line.footprint();
        }
        awaitingHistory = false;
        historyLeft = older.size();
        historyPassedOn = passedOn;
        if (historyLeft == 0 || closed) {
            historyDone();
        }
        notifyAll();
    }

    /** Called holding the lock; runs the action at most once. */
    private void historyDone() {
        Runnable done = historyPassedOn;
        historyPassedOn = () -> {};
        historyLeft = 0;
        done.run();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Why the log ended, once it has (the server was removed, xy is shutting down); null if the reader closed it. */
    public synchronized String endReason() {
        return endReason;
    }

    /** Stops following; a reader blocked in {@link #poll} returns. */
    @Override
    public void close() {
        end(null);
    }

    /** The log has ended for {@code reason}: the reader gets what is queued, then the end, and can tell why. */
    void end(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            endReason = reason;
            // An ended follower's queue is drained at once or dropped: it holds none of the shared budget.
            historyDone();
            shared.giveBack(sharedTaken);
            sharedTaken = 0;
            notifyAll();
        }
        onClose.accept(this);
    }

    /**
     * Whether {@code bytes} more of live lines may be queued: within this follower's capacity, and past its own
     * allowance, with room in the shared budget (taken here, given back as the reader catches up).
     */
    private boolean admit(long bytes) {
        if (queuedBytes + bytes > capacityBytes) {
            return false;
        }
        long need = Math.max(0, liveBytes + bytes - OWN_BYTES) - sharedTaken;
        if (need > 0) {
            if (!shared.tryTake(need)) {
                return false;
            }
            sharedTaken += need;
        }
        return true;
    }

    /** Gives back what the live lines no longer need of the shared budget. */
    private void settleShared() {
        long needed = Math.max(0, liveBytes - OWN_BYTES);
        if (sharedTaken > needed) {
            shared.giveBack(sharedTaken - needed);
            sharedTaken = needed;
        }
    }

    private void enqueue(LogLine line) {
        queue.addLast(line);
        queuedBytes += line.footprint();
        liveBytes += line.footprint();
        notifyAll();
    }

    private LogLine marker(long ts) {
        LogLine marker = new LogLine(server, LogStream.XY, "… " + skipped + " lines skipped (reader too slow)", ts);
        skipped = 0;
        return marker;
    }
}
