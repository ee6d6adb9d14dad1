package dev.xy.core.logs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Drains one output stream of a child into a {@link LogHub}, line by line, on its own thread, for as long as the
 * stream is open. It never stops reading because of what it reads: lines longer than {@link #MAX_LINE_BYTES} are
 * split (at a UTF-8 character boundary), invalid UTF-8 becomes U+FFFD, a CR before LF is dropped, and a last
 * line without a newline is kept.
 *
 * <p>What it reads goes to the hub as bytes, a read's worth of lines at a time ({@link LineBatch}): no String,
 * no copy of its own, one reading of the clock. While the stream is quiet the pump waits in a one-byte read and
 * holds no buffer; the 64 KB it reads into is borrowed from a {@link BufferPool} for as long as output keeps
 * coming.
 */
public final class StreamPump implements Runnable {
    public static final int MAX_LINE_BYTES = 64 * 1024;
    /** Lines handed to the hub in one go, at most. */
    private static final int BATCH_LINES = 256;
    /** A line assembled across reads starts in this much and grows as it needs to, up to the maximum. */
    private static final int FIRST_LINE_BYTES = 256;

    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long NEWLINES = ONES * '\n';

    private final InputStream input;
    private final LogHub hub;
    private final LogStream stream;
    private final BufferPool pool;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private LineBatch batch;
    /** A line begun in an earlier read: {@code line[0..lineLength)}. */
    private byte[] line;

    private int lineLength;
    /** Whether the bytes before the newline that {@link #scanLine} found last were all ASCII. */
    private boolean scannedAscii;

    public StreamPump(InputStream input, LogHub hub, LogStream stream) {
        this(input, hub, stream, BufferPool.SHARED);
    }

    StreamPump(InputStream input, LogHub hub, LogStream stream, BufferPool pool) {
        this.input = input;
        this.hub = hub;
        this.stream = stream;
        this.pool = pool;
    }

    /** Starts draining on a daemon thread named after the server and stream. */
    public static StreamPump start(InputStream input, LogHub hub, LogStream stream) {
        StreamPump pump = new StreamPump(input, hub, stream);
        Thread thread = new Thread(pump, "xy-pump-" + hub.server() + "-" + stream.wireName());
        thread.setDaemon(true);
        thread.start();
        return pump;
    }

    /** Completes when the stream has reached its end and every line is published. */
    public CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public void run() {
        try (input) {
            int first;
            while ((first = input.read()) >= 0) {
                drainBurst(first);
                hub.flush();
            }
        } catch (IOException e) {
            // The pipe broke (the child is gone, or the stream was closed at shutdown): what was read is kept.
        } finally {
            if (lineLength > 0) {
                emitLine(lineLength);
            }
            hub.flush();
            done.complete(null);
        }
    }

    /** Reads and publishes for as long as output is waiting, starting with its {@code first} byte. */
    private void drainBurst(int first) throws IOException {
        byte[] buffer = pool.take();
        try {
            buffer[0] = (byte) first;
            int count = 1;
            while (true) {
                // Only what is there already: a read that waited would hold the buffer through a quiet spell.
                int ready = input.available();
                if (ready > 0 && count < buffer.length) {
                    int read = input.read(buffer, count, buffer.length - count);
                    count += Math.max(read, 0);
                }
                consume(buffer, count);
                count = 0;
                if (ready == 0) {
                    return;
                }
            }
        } finally {
            if (batch != null && batch.bytes == buffer) {
                batch.reset(null);
            }
            pool.give(buffer);
        }
    }

    private void consume(byte[] buffer, int count) {
        int start = 0;
        if (lineLength > 0) {
            int newline = indexOfNewline(buffer, 0, count);
            appendToLine(buffer, 0, newline);
            if (newline == count) {
                return;
            }
            emitLine(line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength);
            start = newline + 1;
        }
        LineBatch lines = batch();
        lines.reset(buffer);
        while (start < count) {
            int newline = scanLine(buffer, start, count);
            boolean ascii = scannedAscii;
            if (newline == count) {
                publish(lines); // before any piece of an overlong line that appending may split off
                appendToLine(buffer, start, count); // the rest of this line comes with a later read
                return;
            }
            int end = newline > start && buffer[newline - 1] == '\r' ? newline - 1 : newline;
            if (ascii || Utf8.isValid(buffer, start, end)) {
                lines.add(start, end);
                if (lines.isFull()) {
                    publish(lines);
                }
            } else {
                publish(lines);
                publishDecoded(buffer, start, end);
            }
            start = newline + 1;
        }
        publish(lines);
    }

    /**
     * The index of the first newline in {@code buffer[from..to)}, or {@code to}; sets {@link #scannedAscii} for the
     * bytes before it. Eight bytes at a time: the daemon runs C1 only, which would otherwise spend a third of the
     * pump's time on a compare and a branch per byte (see docs/benchmarks.md).
     */
    private int scanLine(byte[] buffer, int from, int to) {
        long seen = 0; // every byte before the newline, OR-ed: a high bit set means one was not ASCII
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) WORD.get(buffer, i);
            long x = word ^ NEWLINES; // a zero byte where a newline is
            long newlines = (x - ONES) & ~x & HIGH_BITS; // the lowest set bit marks the first zero byte
            if (newlines != 0) {
                int before = Long.numberOfTrailingZeros(newlines) >>> 3;
                seen |= word & ((1L << (before << 3)) - 1);
                scannedAscii = (seen & HIGH_BITS) == 0;
                return i + before;
            }
            seen |= word;
        }
        for (; i < to && buffer[i] != '\n'; i++) {
            seen |= buffer[i]; // sign-extended: a byte over 0x7F sets every high bit
        }
        scannedAscii = (seen & HIGH_BITS) == 0;
        return i;
    }

    private static int indexOfNewline(byte[] buffer, int from, int to) {
        int i = from;
        while (i < to && buffer[i] != '\n') {
            i++;
        }
        return i;
    }

    private LineBatch batch() {
        if (batch == null) {
            batch = new LineBatch(stream, BATCH_LINES);
        }
        return batch;
    }

    private void publish(LineBatch lines) {
        if (lines.count > 0) {
            hub.publish(lines, false);
            lines.count = 0;
        }
    }

    /** A line that is not well-formed UTF-8: decoded, so each bad sequence becomes U+FFFD, as it always has. */
    private void publishDecoded(byte[] bytes, int from, int to) {
        hub.publish(stream, new String(bytes, from, to - from, StandardCharsets.UTF_8));
    }

    /** Adds bytes to the line being assembled across reads, splitting it when it outgrows the maximum. */
    private void appendToLine(byte[] buffer, int from, int to) {
        int next = from;
        while (next < to) {
            if (lineLength == MAX_LINE_BYTES) {
                splitLongLine();
            }
            int take = Math.min(to - next, MAX_LINE_BYTES - lineLength);
            ensureLineRoom(lineLength + take);
            System.arraycopy(buffer, next, line, lineLength, take);
            lineLength += take;
            next += take;
        }
    }

    private void ensureLineRoom(int needed) {
        if (line == null) {
            line = new byte[Math.max(FIRST_LINE_BYTES, Integer.highestOneBit(needed - 1) << 1)];
        } else if (line.length < needed) {
            line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Integer.highestOneBit(needed - 1) << 1));
        }
    }

    /** Emits the full buffer up to the last character boundary and keeps the cut-off character's bytes. */
    private void splitLongLine() {
        int cut = lineLength;
        while (cut > lineLength - 4 && (line[cut - 1] & 0xC0) == 0x80) {
            cut--;
        }
        if (cut > 0 && (line[cut - 1] & 0xC0) == 0xC0) {
            cut--; // the lead byte of a character whose continuation bytes did not all fit
        }
        if (cut <= 0) {
            cut = lineLength;
        }
        int rest = lineLength - cut;
        publishLine(0, cut);
        System.arraycopy(line, cut, line, 0, rest);
        lineLength = rest;
    }

    private void emitLine(int length) {
        publishLine(0, length);
        lineLength = 0;
        if (line.length > FIRST_LINE_BYTES * 16) {
            line = null; // a long line now and then should not keep its buffer for the life of the server
        }
    }

    private void publishLine(int from, int to) {
        if (Utf8.isValid(line, from, to)) {
            LineBatch one = batch();
            one.reset(line);
            one.add(from, to);
            publish(one);
        } else {
            publishDecoded(line, from, to);
        }
    }
}
