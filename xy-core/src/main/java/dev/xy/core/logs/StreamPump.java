package dev.xy.core.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Drains one output stream of a child into a {@link LogHub}, line by line, on its own thread, for as long as the
 * stream is open. It never stops reading because of what it reads: lines longer than {@link #MAX_LINE_BYTES} are
 * split (at a UTF-8 character boundary), invalid UTF-8 becomes U+FFFD, a CR before LF is dropped, and a last
 * line without a newline is kept.
 */
public final class StreamPump implements Runnable {
    public static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int READ_BYTES = 64 * 1024;

    private final InputStream input;
    private final LogHub hub;
    private final LogStream stream;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int lineLength;

    public StreamPump(InputStream input, LogHub hub, LogStream stream) {
        this.input = input;
        this.hub = hub;
        this.stream = stream;
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
        byte[] buffer = new byte[READ_BYTES];
        try (input) {
            int read;
            while ((read = input.read(buffer)) >= 0) {
                consume(buffer, read);
                if (input.available() == 0) {
                    hub.flush();
                }
            }
        } catch (IOException e) {
            // The pipe broke (the child is gone, or the stream was closed at shutdown): what was read is kept.
        } finally {
            if (lineLength > 0) {
                emit(lineLength);
            }
            hub.flush();
            done.complete(null);
        }
    }

    private void consume(byte[] buffer, int count) {
        int start = 0;
        while (start < count) {
            int newline = start;
            while (newline < count && buffer[newline] != '\n') {
                newline++;
            }
            boolean complete = newline < count;
            if (complete && lineLength == 0 && newline - start <= MAX_LINE_BYTES) {
                // The common case: a whole line inside the read buffer, decoded in place without a copy.
                int end = newline > start && buffer[newline - 1] == '\r' ? newline - 1 : newline;
                hub.publish(stream, new String(buffer, start, end - start, StandardCharsets.UTF_8));
            } else {
                appendToLine(buffer, start, newline);
                if (complete) {
                    emit(lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength);
                }
            }
            start = newline + 1;
        }
    }

    /** Adds bytes to the line being assembled across reads, splitting it when it outgrows the maximum. */
    private void appendToLine(byte[] buffer, int from, int to) {
        int next = from;
        while (next < to) {
            if (lineLength == MAX_LINE_BYTES) {
                splitLongLine();
            }
            int take = Math.min(to - next, MAX_LINE_BYTES - lineLength);
            System.arraycopy(buffer, next, line, lineLength, take);
            lineLength += take;
            next += take;
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
        String text = new String(line, 0, cut, StandardCharsets.UTF_8);
        System.arraycopy(line, cut, line, 0, rest);
        lineLength = rest;
        hub.publish(stream, text);
    }

    private void emit(int length) {
        hub.publish(stream, new String(line, 0, length, StandardCharsets.UTF_8));
        lineLength = 0;
    }
}
