package dev.xy.core.logs;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Writes a server's lines to its {@link RotatingLogFile}, and keeps going when the disk does not: a full disk, a
 * directory that became unwritable or was removed, a file replaced under it, a rotation that cannot rename. While
 * the file cannot be written, lines are counted instead (the hub's ring and followers still have them); every
 * {@link #RETRY} it tries again, and the first line of a file written again says how many lines it misses and
 * why. Each of these events is a notice, told once: the hub turns it into an {@code xy} line and tells whoever
 * listens (the daemon's log, a {@code changed} event). Called under the hub's lock only.
 */
final class LogFileWriter {
    /** How often to try a failed file again, and to check that the file is still where it was. */
    static final Duration RETRY = Duration.ofSeconds(1);

    /** Why the file cannot be written now, since when, and how many lines it has missed so far. */
    private static final class Outage {
        final long sinceMs;
        final String cause;
        int missed;

        Outage(long sinceMs, String cause, int missed) {
            this.sinceMs = sinceMs;
            this.cause = cause;
            this.missed = missed;
        }
    }

    private final String server;
    private final RotatingLogFile file;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClockMillis;
    private Outage outage;
    private long lastTryNanos;
    private long lastCheckNanos;
    /** The lines written since the file was last seen at its path, and the time of the first of them. */
    private int linesSinceCheck;

    private long firstUncheckedMs;
    private boolean missedAny;
    /** What the call under way has to tell; reused, since nearly every call has nothing. */
    private final List<String> notices = new ArrayList<>();

    LogFileWriter(String server, RotatingLogFile file, LongSupplier nanoClock, LongSupplier wallClockMillis) {
        this.server = server;
        this.file = file;
        this.nanoClock = nanoClock;
        this.wallClockMillis = wallClockMillis;
        this.lastTryNanos = nanoClock.getAsLong();
        this.lastCheckNanos = lastTryNanos;
    }

    /**
     * Writes the lines of {@code batch}, stamped {@code tsUnixMs}, or counts them while the file cannot be
     * written; returns what is news (mostly nothing).
     */
    List<String> write(LineBatch batch, long tsUnixMs, boolean flushNow) {
        if (outage != null && due(lastTryNanos)) {
            recover(notices);
        }
        if (outage != null) {
            outage.missed += batch.count;
            return drain();
        }
        try {
            file.append(batch, tsUnixMs);
            if (linesSinceCheck == 0) {
                firstUncheckedMs = tsUnixMs;
            }
            linesSinceCheck += batch.count;
            if (flushNow) {
                file.flush();
            }
        } catch (IOException e) {
            fail(e, notices);
            return drain();
        }
        file.takeRotationFailure()
                .ifPresent(e -> tell(
                        "cannot rotate " + file.path() + ": " + describe(e) + "; writing on into it past logs.max-size",
                        notices));
        return drain();
    }

    /** Pushes buffered lines out; now and then, checks the file is still there and tries a failed one again. */
    List<String> flush() {
        if (outage != null) {
            if (due(lastTryNanos)) {
                recover(notices);
            }
            return drain();
        }
        try {
            file.flush();
        } catch (IOException e) {
            fail(e, notices);
            return drain();
        }
        if (due(lastCheckNanos)) {
            checkStillThere(notices);
        }
        return drain();
    }

    /** While the file cannot be written: why, since when, and how many lines it misses. */
    Optional<String> trouble() {
        if (outage == null) {
            return Optional.empty();
        }
        return Optional.of("cannot write " + file.path() + " since " + Instant.ofEpochMilli(outage.sinceMs) + ": "
                + outage.cause + "; " + lines(outage.missed) + " not written so far, kept in memory");
    }

    /** Whether any line has gone missing from the files: they no longer end with what the ring holds. */
    boolean missedAny() {
        return missedAny;
    }

    private List<String> drain() {
        if (notices.isEmpty()) {
            return List.of();
        }
        List<String> told = List.copyOf(notices);
        notices.clear();
        return told;
    }

    private boolean due(long lastNanos) {
        return nanoClock.getAsLong() - lastNanos >= RETRY.toNanos();
    }

    private void fail(IOException e, List<String> notices) {
        int lost = e instanceof LogWriteFailedException failed ? failed.linesLost() : 1;
        outage = new Outage(wallClockMillis.getAsLong(), describe(e), lost);
        lastTryNanos = nanoClock.getAsLong();
        missedAny = true;
        notices.add("cannot write " + file.path() + ": " + outage.cause
                + "; its lines are kept in memory (xy logs) until it can be written again");
    }

    /**
     * Tries the file again. It is back only once a line has reached it: a full disk opens as well as ever. That
     * first line is the one that says what the file misses.
     */
    private void recover(List<String> notices) {
        lastTryNanos = nanoClock.getAsLong();
        long now = wallClockMillis.getAsLong();
        String back = "could not write " + lines(outage.missed) + " to " + file.path() + " from "
                + Instant.ofEpochMilli(outage.sinceMs) + " to " + Instant.ofEpochMilli(now) + " (" + outage.cause
                + "); writing again";
        try {
            file.reopen();
            file.append(new LogLine(server, LogStream.XY, back, now));
            file.flush();
        } catch (IOException e) {
            // Still failing, and already told. Only lines other than this note count as missed.
            if (e instanceof LogWriteFailedException failed) {
                outage.missed += Math.max(0, failed.linesLost() - 1);
            }
            return;
        }
        outage = null;
        resetCheck();
        notices.add(back);
    }

    /** A file removed or replaced under us swallows every line written to it: start a new one at the path. */
    private void checkStillThere(List<String> notices) {
        if (file.isStillAtItsPath()) {
            resetCheck();
            return;
        }
        String gone = file.path() + " was removed or replaced while in use; writing to a new one"
                + (linesSinceCheck == 0
                        ? ""
                        : " (up to " + lines(linesSinceCheck) + " written since "
                                + Instant.ofEpochMilli(firstUncheckedMs) + " went to the old one)");
        missedAny = true;
        resetCheck();
        try {
            file.reopen();
        } catch (IOException e) {
            notices.add(gone.substring(0, gone.indexOf("; writing to a new one")));
            fail(e, notices);
            return;
        }
        tell(gone, notices);
    }

    private void resetCheck() {
        lastCheckNanos = nanoClock.getAsLong();
        linesSinceCheck = 0;
    }

    /** A notice that also goes into the file, which can be written: the file tells its own story. */
    private void tell(String notice, List<String> notices) {
        notices.add(notice);
        try {
            file.append(new LogLine(server, LogStream.XY, notice, wallClockMillis.getAsLong()));
            file.flush();
        } catch (IOException e) {
            fail(e, notices);
            outage.missed = Math.max(0, outage.missed - 1); // the notice itself is told all the same
        }
    }

    private static String lines(int count) {
        return count + (count == 1 ? " line" : " lines");
    }

    /** The OS's reason, as short as it is clear: "No space left on device". */
    static String describe(IOException e) {
        IOException cause = e instanceof LogWriteFailedException && e.getCause() instanceof IOException c ? c : e;
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + (fs.getFile() == null ? "" : " (" + fs.getFile() + ")");
        }
        String name = cause.getClass().getSimpleName();
        return cause.getMessage() == null
                ? name
                : cause instanceof FileSystemException ? name + ": " + cause.getMessage() : cause.getMessage();
    }
}
