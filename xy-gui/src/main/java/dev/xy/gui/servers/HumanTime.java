package dev.xy.gui.servers;

import dev.xy.core.rpc.Wire;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Short human forms for durations, exits and clock times, as the table and panels show them. */
public final class HumanTime {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter DATE_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private HumanTime() {}

    /** {@code 42s}, {@code 5m03s}, {@code 3h12m}, {@code 2d04h}: two units at most, as wide as a column needs. */
    public static String duration(long secs) {
        if (secs < 60) {
            return secs + "s";
        }
        if (secs < 3600) {
            return String.format("%dm%02ds", secs / 60, secs % 60);
        }
        if (secs < 86_400) {
            return String.format("%dh%02dm", secs / 3600, (secs % 3600) / 60);
        }
        return String.format("%dd%02dh", secs / 86_400, (secs % 86_400) / 3600);
    }

    /** {@code exited 0}, {@code killed by SIGTERM}, or empty when the server never exited. */
    public static String lastExit(Wire.LastExit exit) {
        if (exit == null) {
            return "";
        }
        if (exit.code() != null) {
            return "exited " + exit.code();
        }
        String signal = exit.signal() == null ? "?" : exit.signal();
        return "killed by " + (signal.startsWith("SIG") ? signal : "SIG" + signal);
    }

    /** A log line's time of day, to the millisecond, in the local zone. */
    public static String clock(long unixMs) {
        return CLOCK.format(Instant.ofEpochMilli(unixMs).atZone(ZoneId.systemDefault()));
    }

    /** A transition's date and time, in the local zone. */
    public static String dateTime(long unixMs) {
        return DATE_CLOCK.format(Instant.ofEpochMilli(unixMs).atZone(ZoneId.systemDefault()));
    }
}
