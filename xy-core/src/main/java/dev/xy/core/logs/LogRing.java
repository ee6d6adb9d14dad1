package dev.xy.core.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The most recent lines of one server, kept as the bytes they were read as, within a fixed byte budget: a line
 * costs its UTF-8 bytes plus a 13-byte header (time, stream, length), and becomes a {@link LogLine} only when
 * someone reads it. The bytes live in blocks of {@link #BLOCK_BYTES}, allocated as output comes (a quiet server
 * has none); once the budget is reached the oldest block makes room for the newest, so a busy server's ring
 * allocates nothing. Not thread-safe: its {@link LogHub} guards it.
 */
final class LogRing {
    static final int BLOCK_BYTES = 16 * 1024;
    private static final int HEADER_BYTES = Long.BYTES + 1 + Integer.BYTES;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final LogStream[] STREAMS = LogStream.values();

    /** Lines packed one after the other: {@code [time 8][stream 1][length 4][text]}. */
    private static final class Block {
        final byte[] bytes;
        int used;
        int lines;

        Block(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    private final long capacityBytes;
    /** Oldest first; the last is the one being filled. */
    private final ArrayDeque<Block> blocks = new ArrayDeque<>();

    private long allocatedBytes;
    private int lines;

    LogRing(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** Keeps every line of {@code batch}, read at {@code tsUnixMs}. */
    void add(LineBatch batch, long tsUnixMs) {
        byte stream = (byte) batch.stream.ordinal();
        for (int i = 0; i < batch.count; i++) {
            int length = batch.length(i);
            int size = HEADER_BYTES + length;
            Block block = blocks.peekLast();
            if (block == null || block.bytes.length - block.used < size) {
                block = newBlock(size);
            }
            byte[] bytes = block.bytes;
            int at = block.used;
            LONG.set(bytes, at, tsUnixMs);
            bytes[at + Long.BYTES] = stream;
            INT.set(bytes, at + Long.BYTES + 1, length);
            System.arraycopy(batch.bytes, batch.starts[i], bytes, at + HEADER_BYTES, length);
            block.used = at + size;
            block.lines++;
            lines++;
        }
    }

    /** The last {@code count} lines, oldest first. */
    List<LogLine> tail(String server, int count) {
        int take = Math.min(Math.max(count, 0), lines);
        List<LogLine> tail = new ArrayList<>(take);
        int skip = lines - take;
        for (Block block : blocks) {
            if (skip >= block.lines) {
                skip -= block.lines;
                continue;
            }
            byte[] bytes = block.bytes;
            int at = 0;
            for (int i = 0; i < block.lines; i++) {
                long ts = (long) LONG.get(bytes, at);
                LogStream stream = STREAMS[bytes[at + Long.BYTES]];
                int length = (int) INT.get(bytes, at + Long.BYTES + 1);
                if (skip > 0) {
                    skip--;
                } else {
                    String text = new String(bytes, at + HEADER_BYTES, length, StandardCharsets.UTF_8);
                    tail.add(new LogLine(server, stream, text, ts));
                }
                at += HEADER_BYTES + length;
            }
        }
        return tail;
    }

    /** How many bytes the ring holds on to now (for tests). */
    long allocatedBytes() {
        return allocatedBytes;
    }

    /**
     * A block with room for {@code size} bytes, after the oldest blocks made way for it: the ring never holds more
     * than its budget, and always the newest line however long. A full-size block dropped is reused.
     */
    private Block newBlock(int size) {
        int length = Math.max(size, BLOCK_BYTES);
        byte[] reused = null;
        Iterator<Block> oldestFirst = blocks.iterator();
        while (oldestFirst.hasNext() && allocatedBytes + length > capacityBytes) {
            Block oldest = oldestFirst.next();
            oldestFirst.remove();
            allocatedBytes -= oldest.bytes.length;
            lines -= oldest.lines;
            if (oldest.bytes.length == length) {
                reused = oldest.bytes;
            }
        }
        Block block = new Block(reused != null ? reused : new byte[length]);
        blocks.addLast(block);
        allocatedBytes += length;
        return block;
    }
}
