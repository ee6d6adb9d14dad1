package dev.xy.core.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the duration syntax of configs: {@code 250ms}, {@code 2s}, {@code 1m}, {@code 1h30m}. */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|h|m|s))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");
    /** Far beyond any sensible timeout, and small enough that no sum of parts can overflow. */
    private static final long MAX_PART = 1_000_000_000L;

    private Durations() {}

    public static Optional<Duration> parse(String text) {
        if (!WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            String digits = part.group(1);
            if (digits.length() > 10 || Long.parseLong(digits) > MAX_PART) {
                return Optional.empty();
            }
            long amount = Long.parseLong(digits);
            total = total.plus(
                    switch (part.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofHours(amount);
                    });
        }
        return Optional.of(total);
    }

    /** A short human form: {@code 250ms}, {@code 2s}, {@code 1h30m}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0 || millis == 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        StringBuilder out = new StringBuilder();
        if (seconds >= 3600) {
            out.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            out.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0) {
            out.append(seconds % 60).append('s');
        }
        return out.toString();
    }
}
