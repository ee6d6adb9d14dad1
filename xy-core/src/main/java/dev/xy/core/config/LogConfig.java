package dev.xy.core.config;

/** How a server's log file rotates: at {@code maxSizeBytes}, keeping {@code keep} rotated files. */
public record LogConfig(long maxSizeBytes, int keep) {
    public static final LogConfig DEFAULT = new LogConfig(10L * 1024 * 1024, 5);

    public LogConfig {
        if (maxSizeBytes < 1 || keep < 1) {
            throw new IllegalArgumentException("max-size and keep must be positive");
        }
    }
}
