package dev.xy.core.logs;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A server's log file, {@code <name>.log}, one line per {@link LogLine}: {@code <timestamp> <stream> <text>}.
 * It is the single writer of its files, so rotation is a plain rename done between two whole lines: no line is
 * ever cut or lost by it. Rotated files are {@code <name>.log.1} (newest) to {@code <name>.log.<keep>}.
 * Files are created 0600 and the directory 0700: logs can hold secrets that servers print.
 */
public final class RotatingLogFile implements Closeable {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final LogTimestamp timestamp = new LogTimestamp();
    private static final byte[][] STREAM_LABELS = labels();
    private long maxBytes;
    private int keep;
    private OutputStream out;
    private long size;
    private long rotations;

    /**
     * Where the log stood at one moment, for reading back what came before it: how many times it had rotated
     * (so the file then current can be found after later rotations) and the size of that file.
     */
    record Mark(long rotations, long size) {}

    public RotatingLogFile(Path file, long maxBytes, int keep) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        createPrivateDirectory(file.getParent());
        open();
    }

    public Path path() {
        return file;
    }

    /** Applies new rotation settings from the next line on. */
    public synchronized void reconfigure(long newMaxBytes, int newKeep) {
        this.maxBytes = newMaxBytes;
        this.keep = newKeep;
    }

    public synchronized void append(LogLine line) throws IOException {
        // Written in pieces straight into the buffer: building the whole line as a String first costs two
        // more copies of every byte, which is most of the price of logging a busy server.
        byte[] time = timestamp.bytes(line.tsUnixMs());
        byte[] label = STREAM_LABELS[line.stream().ordinal()];
        byte[] text = line.text().getBytes(StandardCharsets.UTF_8);
        long length = time.length + label.length + text.length + 1L;
        if (size > 0 && size + length > maxBytes) {
            rotate();
        }
        out.write(time);
        out.write(label);
        out.write(text);
        out.write('\n');
        size += length;
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

    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** Flushes, then marks where the log stands now. */
    synchronized Mark mark() throws IOException {
        out.flush();
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
        out.close();
    }

    private void rotate() throws IOException {
        out.close();
        try {
            Files.deleteIfExists(rotated(keep));
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(rotated(i))) {
                    Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
            rotations++;
            // A smaller keep than before leaves older files behind: remove them too.
            for (int i = keep + 1; Files.deleteIfExists(rotated(i)); i++) {}
        } finally {
            open(); // whatever failed above, keep writing: into the same file if it could not be moved
        }
    }

    /** {@code <name>.log.<index>}, or the current file for index 0. */
    Path rotated(int index) {
        return index == 0 ? file : file.resolveSibling(file.getFileName() + "." + index);
    }

    private void open() throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        size = Files.size(file);
        out = new BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND), BUFFER_BYTES);
        if (size > 0 && !endsWithNewline()) {
            // A daemon killed mid-write leaves half a line: end it, so the next line starts on its own.
            out.write('\n');
            size++;
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(size - 1).read(last);
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
