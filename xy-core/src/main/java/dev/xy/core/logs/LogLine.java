package dev.xy.core.logs;

import java.util.List;
import java.util.Objects;

/** One line of a server's log: never holds a newline, and at most {@link StreamPump#MAX_LINE_BYTES} of text. */
public record LogLine(String server, LogStream stream, String text, long tsUnixMs) {
    public LogLine {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
    }

    /** The most {@link #footprint()} can be: a line of the longest text. */
    static final long MAX_FOOTPRINT = 2L * StreamPump.MAX_LINE_BYTES + 64;

    /** What a line costs to keep in memory, roughly: its characters plus the object overhead. */
    long footprint() {
        return 2L * text.length() + 64;
    }

    static long footprint(List<LogLine> lines) {
        long total = 0;
        for (LogLine line : lines) {
            total += line.footprint();
        }
        return total;
    }
}
