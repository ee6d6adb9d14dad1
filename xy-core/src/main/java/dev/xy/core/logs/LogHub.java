package dev.xy.core.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Where every line of one server goes: its rotating file, its in-memory ring, and its live followers. Writers
 * (two stream pumps and the supervisor) never wait on a reader: followers are offered lines without blocking.
 */
public final class LogHub implements AutoCloseable {
    /** The ring keeps about this much recent output per server. */
    public static final long RING_BYTES = 1024 * 1024;
    /** How far one follower may fall behind before its lines are skipped. */
    public static final long FOLLOWER_BYTES = 4 * 1024 * 1024;
    /** At most this much of the files is read back for one tail, however many lines were asked for. */
    public static final long HISTORY_BYTES = 16 * 1024 * 1024;

    private final String server;
    private final RotatingLogFile file;
    private final LogRing ring = new LogRing(RING_BYTES);
    private final List<LogFollower> followers = new CopyOnWriteArrayList<>();
    private final LongSupplier clock;
    private volatile IOException fileFailure;
    private boolean fileFailureAnnounced;
    /** Once a line missed the file, the file's newest lines no longer match the ring's: no history then. */
    private boolean fileMissedLines;

    public LogHub(String server, RotatingLogFile file, LongSupplier clockMillis) {
        this.server = server;
        this.file = file;
        this.clock = clockMillis;
    }

    public String server() {
        return server;
    }

    public RotatingLogFile file() {
        return file;
    }

    /**
     * Records one line from {@code stream}. A failing disk must not stop the ring or the followers. xy's own
     * events are pushed to the file at once: they are rare, and the last of them (why a server failed or
     * stopped) is the line most needed after a crash of the daemon; child output is flushed by the pumps.
     */
    public void publish(LogStream stream, String text) {
        LogLine line = new LogLine(server, stream, text, clock.getAsLong());
        synchronized (this) {
            try {
                file.append(line);
                if (stream == LogStream.XY) {
                    file.flush();
                }
                fileFailureAnnounced = false;
            } catch (IOException e) {
                fileFailure = e;
                fileMissedLines = true;
                if (!fileFailureAnnounced) {
                    // Said once per outage, in memory only: the ring and followers still work without the disk.
                    fileFailureAnnounced = true;
                    keep(new LogLine(server, LogStream.XY, "cannot write " + file.path() + ": " + e, line.tsUnixMs()));
                }
            }
            keep(line);
        }
    }

    private void keep(LogLine line) {
        ring.add(line);
        for (LogFollower follower : followers) {
            follower.offer(line);
        }
    }

    /** Pushes buffered file output to the OS; the pumps call this whenever their input runs dry. */
    public void flush() {
        try {
            file.flush();
        } catch (IOException e) {
            fileFailure = e;
        }
    }

    /**
     * The last {@code count} lines, oldest first: from the ring, and when it holds fewer, from the log files
     * before them (earlier runs of the daemon, rotated files), up to {@link #HISTORY_BYTES} of them.
     */
    public List<LogLine> tail(int count) {
        List<LogLine> recent;
        Optional<Backlog> backlog;
        synchronized (this) {
            recent = ring.tail(count);
            backlog = backlog(recent, count);
        }
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
     * are read from the files after that, without holding up the writers, and put in front.
     */
    public LogFollower follow(int tail) {
        LogFollower follower = new LogFollower(server, FOLLOWER_BYTES, followers::remove);
        Optional<Backlog> backlog;
        synchronized (this) {
            List<LogLine> recent = ring.tail(tail);
            backlog = backlog(recent, tail);
            if (backlog.isPresent()) {
                follower.awaitHistory();
            }
            recent.forEach(follower::offer);
            followers.add(follower);
        }
        backlog.ifPresent(b -> {
            List<LogLine> older = List.of();
            try {
                older = b.read(FOLLOWER_BYTES);
            } finally {
                follower.precede(older); // whatever happened, the reader must not wait for history forever
            }
        });
        return follower;
    }

    /** Lines still wanted from the files: {@code count} of them before the newest {@code skip} at the mark. */
    private record Backlog(LogHistory history, int skip, int count, long newerTs) {
        List<LogLine> read(long budgetBytes) {
            return history.read(skip, count, newerTs, budgetBytes);
        }
    }

    /** What to read from the files when the ring has fewer lines than wanted; called holding the lock. */
    private Optional<Backlog> backlog(List<LogLine> recent, int wanted) {
        if (recent.size() >= wanted || fileMissedLines) {
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

    /** The last error writing the file, if any; logging goes on in memory meanwhile. */
    public Optional<IOException> fileFailure() {
        return Optional.ofNullable(fileFailure);
    }

    @Override
    public void close() {
        followers.forEach(LogFollower::close);
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
