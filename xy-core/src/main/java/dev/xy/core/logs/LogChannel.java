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
 * exception says how many lines did not get out whole, and the channel is closed for good. Not thread-safe: its
 * {@link RotatingLogFile} guards it.
 */
final class LogChannel {
    static final int BUFFER_BYTES = 64 * 1024;

    /** Opens a log file's channel for appending; a seam for tests of disks that fail. */
    @FunctionalInterface
    interface Opener {
        WritableByteChannel openForAppend(Path file) throws IOException;
    }

    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private final Object openedKey;
    private WritableByteChannel channel;

    /** Opens {@code file}, an existing file, for appending. */
    LogChannel(Path file, Opener opener) throws IOException {
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

    /** Buffers one line given in pieces, the last ending with a newline; writes the buffer out when full. */
    void put(byte[]... pieces) throws LogWriteFailedException {
        if (channel == null) {
            throw new LogWriteFailedException(new IOException("the log file was closed after a failed write"), 1);
        }
        int length = 0;
        for (byte[] piece : pieces) {
            length += piece.length;
        }
        if (length > buffer.remaining()) {
            try {
                flush();
            } catch (LogWriteFailedException e) {
                throw e.plus(1);
            }
        }
        ByteBuffer target = length > buffer.capacity() ? ByteBuffer.allocate(length) : buffer;
        for (byte[] piece : pieces) {
            target.put(piece);
        }
        if (target != buffer) {
            writeFully(target.flip());
        }
    }

    void flush() throws LogWriteFailedException {
        buffer.flip();
        try {
            writeFully(buffer);
        } finally {
            buffer.clear();
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
        buffer.flip();
        byte[] pending = new byte[buffer.remaining()];
        buffer.get(pending).clear();
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
