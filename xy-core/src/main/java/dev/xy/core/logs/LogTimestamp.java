package dev.xy.core.logs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats {@code 2026-11-26T14:07:30.123Z} quickly: the text is cached per millisecond and the part up to the
 * second per second, because a busy server writes thousands of lines within one millisecond and a full
 * formatter call per line would dominate the cost of logging.
 */
final class LogTimestamp {
    private long cachedMillis = Long.MIN_VALUE;
    private byte[] cachedBytes;

    private static final DateTimeFormatter TO_SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix = "";

    /** The ASCII bytes of the timestamp; the array is shared and must not be changed. */
    byte[] bytes(long unixMs) {
        if (unixMs != cachedMillis) {
            StringBuilder text = new StringBuilder(24);
            appendTo(text, unixMs);
            cachedBytes = text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            cachedMillis = unixMs;
        }
        return cachedBytes;
    }

    void appendTo(StringBuilder out, long unixMs) {
        long second = Math.floorDiv(unixMs, 1000);
        if (second != cachedSecond) {
            cachedSecond = second;
            cachedPrefix = TO_SECOND.format(Instant.ofEpochSecond(second));
        }
        int millis = (int) Math.floorMod(unixMs, 1000);
        out.append(cachedPrefix)
                .append((char) ('0' + millis / 100))
                .append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10))
                .append('Z');
    }
}
