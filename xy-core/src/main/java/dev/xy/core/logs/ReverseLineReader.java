package dev.xy.core.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The lines of a file before a given offset, newest first, read backwards a chunk at a time, so that the end of
 * a large file costs only what is read of it. It reads at most {@code budget} bytes; a line whose start lies
 * beyond the budget is not returned, so every line returned is whole.
 */
final class ReverseLineReader {
    private static final int CHUNK_BYTES = 64 * 1024;

    private final FileChannel channel;
    private long unread; // bytes [0, unread) of the file are still to be read
    private long budget;
    private byte[] chunk = new byte[0];
    private int chunkEnd; // bytes [0, chunkEnd) of the chunk are still to be split into lines
    /** The end of the line being assembled, from chunks already read, oldest part first. */
    private final Deque<byte[]> carry = new ArrayDeque<>();

    /** Reads the lines that end before {@code end}; a newline right before it ends the newest line. */
    ReverseLineReader(FileChannel channel, long end, long budget) throws IOException {
        this.channel = channel;
        this.unread = end;
        this.budget = budget;
        if (end > 0 && readByte(end - 1) == '\n') {
            unread = end - 1;
        }
    }

    /** The bytes of the budget not spent yet. */
    long budgetLeft() {
        return budget;
    }

    /** The next older line, or empty at the start of the file or when the budget is spent. */
    Optional<String> next() throws IOException {
        while (true) {
            for (int i = chunkEnd - 1; i >= 0; i--) {
                if (chunk[i] == '\n') {
                    String line = line(i + 1, chunkEnd);
                    chunkEnd = i;
                    return Optional.of(line);
                }
            }
            if (chunkEnd > 0) {
                carry.addFirst(java.util.Arrays.copyOf(chunk, chunkEnd));
                chunkEnd = 0;
            }
            if (unread == 0) {
                // The start of the file ends the oldest line.
                return carry.isEmpty() ? Optional.empty() : Optional.of(line(0, 0));
            }
            if (budget <= 0) {
                return Optional.empty(); // the line being assembled started beyond the budget: not whole
            }
            readChunk();
        }
    }

    /** Bytes {@code [from, to)} of the chunk followed by the carried bytes, decoded; the carry is used up. */
    private String line(int from, int to) {
        int length = to - from;
        for (byte[] part : carry) {
            length += part.length;
        }
        byte[] bytes = new byte[length];
        System.arraycopy(chunk, from, bytes, 0, to - from);
        int at = to - from;
        for (byte[] part : carry) {
            System.arraycopy(part, 0, bytes, at, part.length);
            at += part.length;
        }
        carry.clear();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private void readChunk() throws IOException {
        int size = (int) Math.min(Math.min(CHUNK_BYTES, unread), Math.max(budget, 1));
        long start = unread - size;
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, start + buffer.position()) < 0) {
                break; // the file shrank under us: treat what is there as all there is
            }
        }
        chunk = buffer.array();
        chunkEnd = buffer.position();
        unread = start;
        budget -= size;
    }

    private int readByte(long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return channel.read(one, position) == 1 ? one.get(0) : -1;
    }
}
