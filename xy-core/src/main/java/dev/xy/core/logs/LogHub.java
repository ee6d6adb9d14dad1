package dev.xy.core.logs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Where every line of one server goes: its rotating file, its in-memory ring, and its live followers. Writers
 * (two stream pumps and the supervisor) never wait on a reader: followers are offered lines without blocking.
 * A failing disk stops only the file ({@link LogFileWriter}): what happens to it is told once, as an {@code xy}
 * line and to the {@link #onFileNotice} listeners.
 */
public final class LogHub implements AutoCloseable {
    /**
     * The ring keeps this much recent output per server, as bytes (a line costs its length plus 13): room for the
     * 500 lines the desktop app asks for, or the 100 of {@code xy logs}, at up to ~500 bytes a line, so that those
     * never touch the files; and for a few thousand lines of typical output while a failing disk cannot take
     * them. 100 busy servers hold 25 MB at most, within the daemon's heap cap (see docs/benchmarks.md).
     */
    public static final long RING_BYTES = 256 * 1024;
    /** How far one follower may fall behind before its lines are skipped. */
    public static final long FOLLOWER_BYTES = 4 * 1024 * 1024;
    /**
     * What reading {@link #FOLLOWER_BYTES} of the files back is taken to hold until it is known: as Strings, lines
     * take up to about twice their bytes in the files.
     */
    private static final long HISTORY_RESERVE = 2 * FOLLOWER_BYTES;
    /** At most this much of the files is read back for one tail, however many lines were asked for. */
    public static final long HISTORY_BYTES = 16 * 1024 * 1024;

    private final String server;
    private final RotatingLogFile file;
    private final LogRing ring = new LogRing(RING_BYTES);
    private final List<LogFollower> followers = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> fileListeners = new CopyOnWriteArrayList<>();
    private final LongSupplier clock;
    private final LogFileWriter writer;
    private final FollowerBudget followerBudget;
    private boolean closed;
    /** Why it was closed, told to followers as their end; guarded by this. */
    private String closedReason;

    /** A hub of its own, whose followers are not bounded together with other servers' (for tests). */
    public LogHub(String server, RotatingLogFile file, LongSupplier clockMillis) {
        this(server, file, clockMillis, FollowerBudget.unbounded());
    }

    /** A hub whose followers share {@code followerBudget} with the other servers' of one engine. */
    public LogHub(String server, RotatingLogFile file, LongSupplier clockMillis, FollowerBudget followerBudget) {
        this(server, file, clockMillis, System::nanoTime, followerBudget);
    }

    /** With the monotonic clock that paces retries of a failing file (a test's own, say). */
    LogHub(
            String server,
            RotatingLogFile file,
            LongSupplier clockMillis,
            LongSupplier nanoClock,
            FollowerBudget followerBudget) {
        this.server = server;
        this.file = file;
        this.clock = clockMillis;
        this.writer = new LogFileWriter(server, file, nanoClock, clockMillis);
        this.followerBudget = followerBudget;
    }

    public String server() {
        return server;
    }

    public RotatingLogFile file() {
        return file;
    }

    /**
     * Hears what happens to the log file (it cannot be written, it can again and misses so many lines, it cannot
     * rotate, it was removed): each is told once. Runs on the writing thread, outside the hub's lock; must not
     * block.
     */
    public void onFileNotice(Consumer<String> listener) {
        fileListeners.add(listener);
    }

    /**
     * Records one line from {@code stream}. A failing disk must not stop the ring or the followers. xy's own
     * events are pushed to the file at once: they are rare, and the last of them (why a server failed or
     * stopped) is the line most needed after a crash of the daemon; child output is flushed by the pumps.
     */
    public void publish(LogStream stream, String text) {
        publish(LineBatch.of(stream, text), stream == LogStream.XY);
    }

    /**
     * Records the lines of one read of a pump: under one lock and one reading of the clock, straight from the
     * pump's buffer into the file's buffer and the ring. Only followers, if any, get each line as text.
     */
    void publish(LineBatch batch, boolean flushNow) {
        long ts = clock.getAsLong();
        List<String> notices;
        synchronized (this) {
            notices = closed ? List.of() : writer.write(batch, ts, flushNow);
            keepNotices(notices, ts);
            ring.add(batch, ts);
            if (!followers.isEmpty()) {
                for (int i = 0; i < batch.count; i++) {
                    offer(new LogLine(server, batch.stream, batch.text(i), ts));
                }
            }
        }
        tell(notices);
    }

    private void keepNotices(List<String> notices, long tsUnixMs) {
        for (String notice : notices) {
            ring.add(LineBatch.of(LogStream.XY, notice), tsUnixMs);
            offer(new LogLine(server, LogStream.XY, notice, tsUnixMs));
        }
    }

    private void tell(List<String> notices) {
        for (String notice : notices) {
            for (Consumer<String> listener : fileListeners) {
                listener.accept(notice);
            }
        }
    }

    private void offer(LogLine line) {
        for (LogFollower follower : followers) {
            follower.offer(line);
        }
    }

    /** Pushes buffered file output to the OS; the pumps call this whenever their input runs dry. */
    public void flush() {
        List<String> notices;
        synchronized (this) {
            notices = flushFile();
        }
        tell(notices);
    }

    /**
     * The last {@code count} lines, oldest first: from the ring, and when it holds fewer, from the log files
     * before them (earlier runs of the daemon, rotated files), up to {@link #HISTORY_BYTES} of them.
     */
    public List<LogLine> tail(int count) {
        List<LogLine> recent;
        Optional<Backlog> backlog;
        List<String> notices;
        synchronized (this) {
            notices = flushFile();
            recent = ring.tail(server, count);
            backlog = backlog(recent, count);
        }
        tell(notices);
        if (backlog.isEmpty()) {
            return recent;
        }
        List<LogLine> lines = new ArrayList<>(backlog.get().read(HISTORY_BYTES));
        lines.addAll(recent);
        return lines;
    }

    /**
     * A follower that first receives the last {@code tail} lines (as {@link #tail} finds them), then every new
     * line. Taking the ring's tail and registering happen together, so no line falls between them; older lines
     * are read from the files after that, without holding up the writers, and put in front — when the engine's
     * {@link FollowerBudget} allows; else one line says that they were left out and why.
     */
    public LogFollower follow(int tail) {
        LogFollower follower = new LogFollower(server, FOLLOWER_BYTES, followerBudget, followers::remove);
        Optional<Backlog> backlog;
        List<String> notices;
        synchronized (this) {
            notices = flushFile();
            List<LogLine> recent = ring.tail(server, tail);
            backlog = backlog(recent, tail);
            if (backlog.isPresent()) {
                follower.awaitHistory();
            }
            follower.seed(recent);
            if (!closed) {
                followers.add(follower);
            }
        }
        tell(notices);
        backlog.ifPresent(b -> readHistory(b, follower));
        synchronized (this) {
            if (closed) {
                follower.end(closedReason); // the log has ended: the follower gets what there was, then its end
            }
        }
        return follower;
    }

    /**
     * Reads up to {@link #FOLLOWER_BYTES} of the files back into {@code follower}, holding the shared budget for the
     * lines until they are passed on: the most they can take while reading, then what they take.
     */
    private void readHistory(Backlog backlog, LogFollower follower) {
        // The most these lines can take: a few asked for cannot be more than that many of the longest lines.
        long reserve = Math.min(HISTORY_RESERVE, backlog.count() * LogLine.MAX_FOOTPRINT);
        if (!followerBudget.tryTake(reserve)) {
            follower.precede(List.of(historyLeftOut(backlog)), () -> {});
            return;
        }
        List<LogLine> older = List.of();
        long held = reserve;
        try {
            older = backlog.read(FOLLOWER_BYTES);
            held = followerBudget.settle(reserve, LogLine.footprint(older));
        } finally {
            // Whatever happened, the reader must not wait for history forever; the budget comes back once the
            // history has been passed on, or the follower is closed.
            long heldNow = held;
            follower.precede(older, () -> followerBudget.giveBack(heldNow));
        }
    }

    private LogLine historyLeftOut(Backlog backlog) {
        return new LogLine(
                server,
                LogStream.XY,
                "… up to " + backlog.count() + " earlier lines left out: what xy keeps for followers is taken"
                        + " by others just now (slow ones, or long histories); ask again in a moment",
                backlog.newerTs());
    }

    /** Lines still wanted from the files: {@code count} of them before the newest {@code skip} at the mark. */
    private record Backlog(LogHistory history, int skip, int count, long newerTs) {
        List<LogLine> read(long budgetBytes) {
            return history.read(skip, count, newerTs, budgetBytes);
        }
    }

    /**
     * Pushes the file buffer out through the writer, so that a disk failing just now is counted and told like any
     * other; before a tail, so that the files hold every line the ring does when they are marked for reading back.
     * Called holding the lock.
     */
    private List<String> flushFile() {
        List<String> notices = closed ? List.<String>of() : writer.flush();
        if (!notices.isEmpty()) {
            keepNotices(notices, clock.getAsLong());
        }
        return notices;
    }

    /** What to read from the files when the ring has fewer lines than wanted; called holding the lock. */
    private Optional<Backlog> backlog(List<LogLine> recent, int wanted) {
        if (recent.size() >= wanted || writer.missedAny()) {
            return Optional.empty();
        }
        try {
            // Every line in the ring is also the newest in the file, so the file's lines before those are older.
            RotatingLogFile.Mark mark = file.mark();
            long newerTs = recent.isEmpty() ? clock.getAsLong() : recent.get(0).tsUnixMs();
            return Optional.of(
                    new Backlog(new LogHistory(file, mark, server), recent.size(), wanted - recent.size(), newerTs));
        } catch (IOException e) {
            return Optional.empty(); // the ring alone, then; a failing disk is reported by publish
        }
    }

    /** Why the hub was closed, once it has been; null while it is open. */

    /** While the file cannot be written: why, since when, and how many lines it misses so far. */
    public synchronized Optional<String> fileTrouble() {
        return writer.trouble();
    }

    /** Closes the log with no reason to give its followers (a test's, or one that was never served). */
    @Override
    public void close() {
        close(null);
    }

    /**
     * Closes the followers, which are told {@code reason} (may be null) as the end of their stream, and the file; a
     * line that still comes (a pump's last) goes to the ring alone.
     */
    public void close(String reason) {
        // Closed first, under the lock that follow takes: a follower is either registered before (and ended
        // here) or sees the log closed (and ends itself); none is left waiting for lines that will never come.
        synchronized (this) {
            if (!closed) {
                closed = true;
                closedReason = reason;
            }
        }
        String why;
        synchronized (this) {
            why = closedReason; // the first close's, if two race
        }
        followers.forEach(follower -> follower.end(why));
        try {
            file.close();
        } catch (IOException e) {
            // The disk fails as the server goes: its last lines are in the ring, and no one is left to tell.
        }
    }
}
