package dev.xy.core.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A server's log file, {@code <name>.log}, one line per {@link LogLine}: {@code <timestamp> <stream> <text>}.
 * It is the single writer of its files, so rotation is a plain rename done between two whole lines: no line is
 * ever cut or lost by it. Rotated files are {@code <name>.log.1} (newest) to {@code <name>.log.<keep>}.
 * Files are created 0600 and the directory 0700: logs can hold secrets that servers print.
 *
 * <p>When the disk refuses a write, a {@link LogWriteFailedException} says how many lines did not make it, and
 * nothing more is written until {@link #reopen}. A rotation that fails is not a write failure: the lines go on
 * into the current file, past its maximum size, and {@link #takeRotationFailure} tells of it once. What to do
 * about failures, and when to try again, is {@link LogFileWriter}'s.
 */
public final class RotatingLogFile implements Closeable {
    private static final byte[][] STREAM_LABELS = labels();

    private final Path file;
    private final LogChannel.Opener opener;
    private final LogTimestamp timestamp = new LogTimestamp();
    private long maxBytes;
    private int keep;
    private LogChannel channel;
    /** Whole lines buffered for a file that could not be opened again yet. */
    private byte[] carried = new byte[0];

    private long size;
    private long rotations;
    private IOException rotationFailure;
    private boolean rotationFailureTold;
    /** After a failed rotation, the size at which to try again: one more max-size of lines later. */
    private long retryRotationAt;

    /**
     * Where the log stood at one moment, for reading back what came before it: how many times it had rotated
     * (so the file then current can be found after later rotations) and the size of that file.
     */
    record Mark(long rotations, long size) {}

    public RotatingLogFile(Path file, long maxBytes, int keep) throws IOException {
        this(file, maxBytes, keep, path -> FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    RotatingLogFile(Path file, long maxBytes, int keep, LogChannel.Opener opener) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.opener = opener;
        open(new byte[0]);
    }

    public Path path() {
        return file;
    }

    /** Applies new rotation settings from the next line on. */
    public synchronized void reconfigure(long newMaxBytes, int newKeep) {
        this.maxBytes = newMaxBytes;
        this.keep = newKeep;
    }

    /**
     * Writes one line (into the buffer, most of the time).
     *
     * @throws LogWriteFailedException when the disk refused what was buffered: the file is closed until {@link
     *     #reopen}, and the exception counts the lost lines, this one included
     */
    public void append(LogLine line) throws IOException {
        append(LineBatch.of(line.stream(), line.text()), line.tsUnixMs());
    }

    /**
     * Writes every line of {@code batch}, all stamped {@code tsUnixMs} (into the buffer, most of the time), as
     * the bytes they are: they were checked to be UTF-8 when they were read.
     *
     * @throws LogWriteFailedException when the disk refused what was buffered: the file is closed until {@link
     *     #reopen}, and the exception counts the lost lines, those of the batch not written included
     */
    synchronized void append(LineBatch batch, long tsUnixMs) throws IOException {
        byte[] time = timestamp.bytes(tsUnixMs);
        byte[] label = STREAM_LABELS[batch.stream.ordinal()];
        long prefix = time.length + label.length + 1L;
        for (int i = 0; i < batch.count; i++) {
            long length = prefix + batch.length(i);
            int after = batch.count - i - 1;
            if (size > 0 && size + length > maxBytes && (rotationFailure == null || size >= retryRotationAt)) {
                try {
                    rotate();
                } catch (LogWriteFailedException e) {
                    throw e.plus(1 + after);
                }
            }
            try {
                channel.put(time, label, batch.bytes, batch.starts[i], batch.ends[i]);
            } catch (LogWriteFailedException e) {
                throw e.plus(after); // it counts this line already
            }
            size += length;
        }
    }

    /** " stdout ", " stderr ", " xy ": the separators around each stream name, by ordinal. */
    private static byte[][] labels() {
        LogStream[] streams = LogStream.values();
        byte[][] labels = new byte[streams.length][];
        for (LogStream stream : streams) {
            labels[stream.ordinal()] = (" " + stream.wireName() + " ").getBytes(StandardCharsets.US_ASCII);
        }
        return labels;
    }

    /** Pushes what is buffered to the OS; see {@link #append} for what a failure means. */
    public synchronized void flush() throws IOException {
        if (channel.isOpen()) {
            channel.flush();
        }
    }

    /**
     * Whether the path still names the file being written. It does not once the file (or its directory) was
     * removed or replaced: what is written then is out of everyone's reach.
     */
    public synchronized boolean isStillAtItsPath() {
        return channel.isStillAt(file);
    }

    /**
     * Opens the path again, making its directory if it has gone: after a failed write, or when the file was
     * removed or replaced. Lines still buffered go to the new file: the old one is gone or failing.
     */
    public synchronized void reopen() throws IOException {
        byte[] pending = channel.abandon();
        if (carried.length > 0) {
            pending = ByteBuffer.allocate(carried.length + pending.length)
                    .put(carried)
                    .put(pending)
                    .array();
        }
        carried = new byte[0];
        try {
            open(pending);
        } catch (LogWriteFailedException e) {
            throw e; // they are counted in it
        } catch (IOException e) {
            carried = pending; // the file could not even be opened: keep them for the next attempt
            throw e;
        }
    }

    /** A rotation failure not told yet, once: it is told again only after a rotation has worked in between. */
    public synchronized Optional<IOException> takeRotationFailure() {
        if (rotationFailure == null || rotationFailureTold) {
            return Optional.empty();
        }
        rotationFailureTold = true;
        return Optional.of(rotationFailure);
    }

    /** Flushes, then marks where the log stands now. */
    synchronized Mark mark() throws IOException {
        flush();
        return new Mark(rotations, size);
    }

    /** How many times the file has rotated since it was opened. */
    synchronized long rotations() {
        return rotations;
    }

    synchronized int keep() {
        return keep;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /**
     * Renames the files one step down and starts a new one. If a rename fails (a directory no longer writable,
     * something in the way), the lines go on into the current file: better a file past its size than lost lines.
     * A rotation is tried again one max-size later.
     */
    private void rotate() throws IOException {
        channel.flush();
        try {
            Files.deleteIfExists(rotated(keep));
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(rotated(i))) {
                    Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            rotationFailure = e;
            retryRotationAt = size + maxBytes;
            return;
        }
        rotations++;
        rotationFailure = null;
        rotationFailureTold = false;
        try {
            // A smaller keep than before leaves older files behind: remove them too.
            for (int i = keep + 1; Files.deleteIfExists(rotated(i)); i++) {}
        } catch (IOException e) {
            // Only leftovers of an earlier keep: the log itself is fine.
        }
        try {
            channel.close(); // everything was written before the rename: nothing is lost by closing
            open(new byte[0]);
        } catch (IOException e) {
            throw e instanceof LogWriteFailedException failed ? failed : new LogWriteFailedException(e, 0);
        }
    }

    /** {@code <name>.log.<index>}, or the current file for index 0. */
    Path rotated(int index) {
        return index == 0 ? file : file.resolveSibling(file.getFileName() + "." + index);
    }

    /** Opens the path (making what is missing), then buffers {@code carried}, whole lines for it. */
    private void open(byte[] carried) throws IOException {
        createPrivateDirectory(file.getParent());
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        size = Files.size(file);
        LogChannel opened = new LogChannel(file, opener, BufferPool.SHARED);
        channel = opened;
        if (size > 0 && !endsWithNewline()) {
            // A daemon killed mid-write (or a failed write) leaves half a line: end it, so the next starts on its own.
            channel.endCutLine();
            size++;
        }
        if (carried.length > 0) {
            channel.putLines(carried);
            size += carried.length;
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (SeekableByteChannel read = Files.newByteChannel(file)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            read.position(size - 1).read(last);
            return last.get(0) == '\n';
        }
    }

    /** Creates {@code dir} (and parents) owner-only, and tightens it if it already existed more open. */
    public static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(
                dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
}
