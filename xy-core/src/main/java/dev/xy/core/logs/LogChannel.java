package dev.xy.core.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * One open log file and its write buffer. Lines go out whole or are counted: when the disk refuses a write, the
 * exception says how many lines did not get out whole, and the channel is closed for good. The buffer is
 * borrowed from a {@link BufferPool} at the first line after a flush and given back by the flush, so a quiet
 * server's file holds none. Not thread-safe: its {@link RotatingLogFile} guards it.
 */
final class LogChannel {
    static final int BUFFER_BYTES = BufferPool.BYTES;
    private static final byte NEWLINE = '\n';

    /** Opens a log file's channel for appending; a seam for tests of disks that fail. */
    @FunctionalInterface
    interface Opener {
        WritableByteChannel openForAppend(Path file) throws IOException;
    }

    private final BufferPool pool;
    private final Object openedKey;
    private WritableByteChannel channel;
    /** Lines not written out yet, in {@code buffer[0..buffered)}; null while nothing is buffered. */
    private byte[] buffer;

    private int buffered;

    /** Opens {@code file}, an existing file, for appending. */
    LogChannel(Path file, Opener opener, BufferPool pool) throws IOException {
        this.pool = pool;
        channel = opener.openForAppend(file);
        try {
            openedKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    boolean isOpen() {
        return channel != null;
    }

    /**
     * Buffers one line, {@code <time><label><text[from..to)>} and a newline; writes the buffer out when full.
     * Written in pieces straight into the buffer: building the line first would copy every byte twice more.
     */
    void put(byte[] time, byte[] label, byte[] text, int from, int to) throws LogWriteFailedException {
        checkOpen();
        int textLength = to - from;
        int length = time.length + label.length + textLength + 1;
        if (buffer != null && length > BUFFER_BYTES - buffered) {
            flushFor(1);
        }
        if (length > BUFFER_BYTES) {
            ByteBuffer whole = ByteBuffer.allocate(length);
            whole.put(time).put(label).put(text, from, textLength).put(NEWLINE);
            writeFully(whole.flip());
            return;
        }
        if (buffer == null) {
            buffer = pool.take();
        }
        byte[] target = buffer;
        int at = buffered;
        System.arraycopy(time, 0, target, at, time.length);
        at += time.length;
        System.arraycopy(label, 0, target, at, label.length);
        at += label.length;
        System.arraycopy(text, from, target, at, textLength);
        at += textLength;
        target[at++] = NEWLINE;
        buffered = at;
    }

    /** Buffers whole lines as they are (each ending with a newline): those carried over from a failed file. */
    void putLines(byte[] lines) throws LogWriteFailedException {
        checkOpen();
        if (buffer != null && lines.length > BUFFER_BYTES - buffered) {
            flushFor(1);
        }
        if (lines.length > BUFFER_BYTES) {
            writeFully(ByteBuffer.wrap(lines));
            return;
        }
        if (buffer == null) {
            buffer = pool.take();
        }
        System.arraycopy(lines, 0, buffer, buffered, lines.length);
        buffered += lines.length;
    }

    void flush() throws LogWriteFailedException {
        if (buffer == null) {
            return;
        }
        try {
            writeFully(ByteBuffer.wrap(buffer, 0, buffered));
        } finally {
            release();
        }
    }

    private void flushFor(int linesWaiting) throws LogWriteFailedException {
        try {
            flush();
        } catch (LogWriteFailedException e) {
            throw e.plus(linesWaiting);
        }
    }

    private void checkOpen() throws LogWriteFailedException {
        if (channel == null) {
            throw new LogWriteFailedException(new IOException("the log file was closed after a failed write"), 1);
        }
    }

    private void release() {
        if (buffer != null) {
            byte[] lent = buffer;
            buffer = null;
            buffered = 0;
            pool.give(lent);
        }
    }

    /** Ends a line that an earlier writer left cut, so that the next starts on its own; no line of ours is in it. */
    void endCutLine() throws LogWriteFailedException {
        try {
            writeFully(ByteBuffer.wrap(new byte[] {'\n'}));
        } catch (LogWriteFailedException e) {
            throw new LogWriteFailedException(e.reason(), 0);
        }
    }

    /** Whether {@code path} still names the file this channel writes: not once it was removed or replaced. */
    boolean isStillAt(Path path) {
        try {
            return Objects.equals(
                    openedKey,
                    Files.readAttributes(path, BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes without writing what is buffered, and hands it over: for a file that is gone, to go elsewhere. */
    byte[] abandon() {
        byte[] pending = buffer == null ? new byte[0] : java.util.Arrays.copyOf(buffer, buffered);
        release();
        closeQuietly();
        return pending;
    }

    /** Writes what is buffered and closes. */
    void close() throws IOException {
        if (channel == null) {
            return;
        }
        try {
            flush();
        } finally {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }
    }

    /** Writes all of {@code bytes}; on failure closes the channel and counts the lines that did not get out whole. */
    private void writeFully(ByteBuffer bytes) throws LogWriteFailedException {
        if (!bytes.hasRemaining()) {
            return;
        }
        try {
            if (channel == null) {
                throw new IOException("the log file was closed after a failed write");
            }
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            int lost = 0;
            for (int i = bytes.position(); i < bytes.limit(); i++) {
                if (bytes.get(i) == '\n') {
                    lost++; // a line cut short counts too: its end is missing
                }
            }
            closeQuietly();
            throw new LogWriteFailedException(e, lost);
        }
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Already failing, or abandoned: nothing buffered is lost by it.
            }
            channel = null;
        }
    }
}
