package dev.xy.core.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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

    private final String server;
    private final RotatingLogFile file;
    private final LogRing ring = new LogRing(RING_BYTES);
    private final List<LogFollower> followers = new CopyOnWriteArrayList<>();
    private final LongSupplier clock;
    private volatile IOException fileFailure;
    private boolean fileFailureAnnounced;

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

    /** The last {@code count} lines, oldest first. */
    public List<LogLine> tail(int count) {
        return ring.tail(count);
    }

    /**
     * A follower that first receives the last {@code tail} lines, then every new line. Taking the tail and
     * registering happen together, so no line falls between them.
     */
    public synchronized LogFollower follow(int tail) {
        LogFollower follower = new LogFollower(server, FOLLOWER_BYTES, followers::remove);
        for (LogLine line : ring.tail(tail)) {
            follower.offer(line);
        }
        followers.add(follower);
        return follower;
    }

    /** The last error writing the file, if any; logging goes on in memory meanwhile. */
    public java.util.Optional<IOException> fileFailure() {
        return java.util.Optional.ofNullable(fileFailure);
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
