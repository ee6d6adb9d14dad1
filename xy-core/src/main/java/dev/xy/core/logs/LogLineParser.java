package dev.xy.core.logs;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads back a line of a log file as {@link RotatingLogFile} writes it, {@code 2026-11-26T14:07:30.123Z stdout
 * text}, into a {@link LogLine}. Files may hold anything (an older format, a line cut by a crash, a hand edit),
 * so a line that does not parse is kept whole as {@code stdout} text; nothing here throws.
 */
final class LogLineParser {
    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}. */
    private static final int TIMESTAMP_LENGTH = 24;

    private LogLineParser() {}

    /** The line as a {@link LogLine}; {@code fallbackTs} is its time when it carries none that parses. */
    static LogLine parse(String server, String line, long fallbackTs) {
        if (line.length() > TIMESTAMP_LENGTH && line.charAt(TIMESTAMP_LENGTH) == ' ') {
            long ts = timestamp(line);
            int streamStart = TIMESTAMP_LENGTH + 1;
            int space = line.indexOf(' ', streamStart);
            String name = space < 0 ? line.substring(streamStart) : line.substring(streamStart, space);
            var stream = LogStream.fromWireName(name);
            if (ts != Long.MIN_VALUE && stream.isPresent()) {
                return new LogLine(server, stream.get(), space < 0 ? "" : line.substring(space + 1), ts);
            }
        }
        return new LogLine(server, LogStream.STDOUT, line, fallbackTs);
    }

    /** The Unix milliseconds of the line's leading timestamp, or {@code Long.MIN_VALUE} if it has none. */
    private static long timestamp(String line) {
        if (!shapeMatches(line)) {
            return Long.MIN_VALUE;
        }
        try {
            LocalDateTime time = LocalDateTime.of(
                    number(line, 0, 4),
                    number(line, 5, 7),
                    number(line, 8, 10),
                    number(line, 11, 13),
                    number(line, 14, 16),
                    number(line, 17, 19));
            return time.toEpochSecond(ZoneOffset.UTC) * 1000 + number(line, 20, 23);
        } catch (DateTimeException e) {
            return Long.MIN_VALUE; // digits in the right places, but no such date (month 13, February 30)
        }
    }

    private static boolean shapeMatches(String line) {
        String shape = "dddd-dd-ddTdd:dd:dd.dddZ";
        for (int i = 0; i < TIMESTAMP_LENGTH; i++) {
            char expected = shape.charAt(i);
            char actual = line.charAt(i);
            boolean ok = expected == 'd' ? actual >= '0' && actual <= '9' : actual == expected;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
