package dev.xy.core.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the size syntax of configs: {@code 512KB}, {@code 10MB}, {@code 1GB}, {@code 4096B}; 1 KB = 1024 bytes. */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})(B|KB|MB|GB)");

    private ByteSizes() {}

    public static Optional<Long> parse(String text) {
        Matcher matcher = SIZE.matcher(text.toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        int shift =
                switch (matcher.group(2)) {
                    case "KB" -> 10;
                    case "MB" -> 20;
                    case "GB" -> 30;
                    default -> 0;
                };
        return Optional.of(amount << shift);
    }
}
