package dev.xy.core.config;

import java.time.Duration;

/** How a server is stopped: SIGTERM, then SIGKILL once {@code grace} has passed. */
public record StopConfig(Duration grace) {
    public static final StopConfig DEFAULT = new StopConfig(Duration.ofSeconds(10));

    public StopConfig {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative");
        }
    }
}
