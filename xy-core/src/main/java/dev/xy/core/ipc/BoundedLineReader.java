package dev.xy.core.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads newline-delimited UTF-8 lines, refusing any line longer than a limit instead of buffering it. */
public final class BoundedLineReader {
    /** A line over the limit: the connection that sent it cannot be trusted to resynchronise. */
    public static final class LineTooLongException extends IOException {
        LineTooLongException(int limit) {
            super("line longer than " + limit + " bytes");
        }
    }

    private static final int INITIAL_BYTES = 1024;
    /** The largest line buffer kept from one line to the next. */
    private static final int KEEP_BYTES = 64 * 1024;

    private final InputStream input;
    private final int maxBytes;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private byte[] line = new byte[INITIAL_BYTES];

    public BoundedLineReader(InputStream input, int maxBytes) {
        this.input = input;
        this.maxBytes = maxBytes;
    }

    /** The next line without its newline (a CR before it is dropped), or null at the end of the stream. */
    public String readLine() throws IOException {
        int length = 0;
        while (true) {
            if (position == limit) {
                limit = input.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return length > 0 ? decode(length) : null;
                }
            }
            byte b = buffer[position++];
            if (b == '\n') {
                return decode(length > 0 && line[length - 1] == '\r' ? length - 1 : length);
            }
            if (length == maxBytes) {
                throw new LineTooLongException(maxBytes);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(maxBytes, line.length * 2));
            }
            line[length++] = b;
        }
    }

    private String decode(int length) {
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        if (line.length > KEEP_BYTES) {
            // A connection that once sent a large line, then idles, should not keep a buffer that size.
            line = new byte[INITIAL_BYTES];
        }
        return text;
    }
}
