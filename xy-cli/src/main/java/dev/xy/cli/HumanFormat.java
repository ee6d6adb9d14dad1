package dev.xy.cli;

import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.TimeZone;

/** How the CLI shows values to people: uptimes like {@code 3h12m}, exits like {@code 3} or {@code SIGKILL}. */
final class HumanFormat {
    private HumanFormat() {}

    /** Made on first use only: {@code xy list} shows no times. */
    private static final class Times {
        static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    }

    /** Two most significant units: {@code 45s}, {@code 12m5s}, {@code 3h12m}, {@code 2d4h}. */
    static String uptime(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + "d" + (hours > 0 ? hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? minutes + "m" : "");
        }
        if (minutes > 0) {
            return minutes + "m" + (secs > 0 ? secs + "s" : "");
        }
        return secs + "s";
    }

    static String lastExit(Wire.LastExit lastExit) {
        if (lastExit == null) {
            return "-";
        }
        return lastExit.signal() != null ? lastExit.signal() : String.valueOf(lastExit.code());
    }

    /** A state a newer daemon added, which this client does not know, shows as {@code ?}. */
    static String state(ServerState state) {
        return state == null ? "?" : state.wireName();
    }

    static String ready(Boolean ready) {
        return ready == null ? "-" : ready ? "yes" : "no";
    }

    static String time(long unixMs) {
        // The system zone's offset at that instant through TimeZone, the same zone and database as ZoneId's:
        // java.time's
        // zone rules would first look for providers on the whole class path, opening every jar on it.
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(TimeZone.getDefault().getOffset(unixMs) / 1000);
        return Times.TIME.format(Instant.ofEpochMilli(unixMs).atOffset(offset));
    }

    static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** {@code text} cut to {@code width} characters with an ellipsis; empty for null. */
    static String shorten(String text, int width) {
        if (text == null) {
            return "";
        }
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
