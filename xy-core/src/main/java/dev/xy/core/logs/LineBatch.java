package dev.xy.core.logs;

import java.nio.charset.StandardCharsets;

/**
 * Whole lines of one stream, as slices of one byte array (a pump's read buffer, or a line assembled across
 * reads): what a {@link LogHub} records in one go, under one lock and one reading of the clock. Each line is
 * well-formed UTF-8 without its newline (and without a CR before it). Reused by its pump from read to read.
 */
final class LineBatch {
    final LogStream stream;
    final int[] starts;
    final int[] ends;
    byte[] bytes;
    int count;

    LineBatch(LogStream stream, int capacity) {
        this.stream = stream;
        this.starts = new int[capacity];
        this.ends = new int[capacity];
    }

    /** One line of text. */
    static LineBatch of(LogStream stream, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        LineBatch batch = new LineBatch(stream, 1);
        batch.reset(bytes);
        batch.add(0, bytes.length);
        return batch;
    }

    /** Starts over with lines from {@code array}. */
    void reset(byte[] array) {
        bytes = array;
        count = 0;
    }

    void add(int start, int end) {
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    boolean isFull() {
        return count == starts.length;
    }

    int length(int line) {
        return ends[line] - starts[line];
    }

    String text(int line) {
        return new String(bytes, starts[line], length(line), StandardCharsets.UTF_8);
    }
}
