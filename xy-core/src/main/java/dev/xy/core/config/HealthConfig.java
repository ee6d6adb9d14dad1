package dev.xy.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a server's readiness and health are checked: the {@code health { }} node of its config.
 *
 * @param mode what a check does: an MCP exchange, a TCP connect, or nothing
 * @param path the MCP endpoint's path on {@code http://localhost:<port>}, such as {@code /mcp}
 * @param interval the time between two checks of a running server
 * @param timeout how long one check may take, all of its requests together
 * @param failures how many checks in a row must fail before a running server counts as unhealthy
 * @param startTimeout how long a new process has to become ready
 */
public record HealthConfig(
        HealthMode mode, String path, Duration interval, Duration timeout, int failures, Duration startTimeout) {
    /** An absolute path, with an optional query, made of visible ASCII: what may follow the port in a URL. */
    public static final Pattern PATH = Pattern.compile("/[!-~&&[^#]]*");

    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
    public static final Duration MIN_START_TIMEOUT = Duration.ofMillis(100);
    public static final int MAX_FAILURES = 100;

    // Last, because the constructor reads the constants above.
    public static final HealthConfig DEFAULT = new HealthConfig(
            HealthMode.MCP, "/mcp", Duration.ofSeconds(10), Duration.ofSeconds(2), 3, Duration.ofSeconds(60));

    public HealthConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(path, "path");
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("health path must start with / and be visible ASCII: " + path);
        }
        if (interval.compareTo(MIN_INTERVAL) < 0
                || timeout.compareTo(MIN_TIMEOUT) < 0
                || startTimeout.compareTo(MIN_START_TIMEOUT) < 0) {
            throw new IllegalArgumentException("health interval, timeout or start-timeout too short");
        }
        if (failures < 1 || failures > MAX_FAILURES) {
            throw new IllegalArgumentException("health failures must be from 1 to " + MAX_FAILURES);
        }
    }

    /** These settings with another mode. */
    public HealthConfig withMode(HealthMode newMode) {
        return new HealthConfig(newMode, path, interval, timeout, failures, startTimeout);
    }
}
