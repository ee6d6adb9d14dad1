package dev.xy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the CLI shows values to people: uptimes like {@code 3h12m}, exits like {@code 3} or {@code SIGKILL}. */
final class HumanFormat {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private HumanFormat() {}

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

    static String lastExit(JsonNode lastExit) {
        if (lastExit == null || lastExit.isNull() || lastExit.isMissingNode()) {
            return "-";
        }
        return lastExit.has("signal")
                ? lastExit.get("signal").asText()
                : lastExit.path("code").asText();
    }

    static String time(long unixMs) {
        return TIME.format(Instant.ofEpochMilli(unixMs));
    }

    static String orDash(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? "-" : value.asText();
    }
}
