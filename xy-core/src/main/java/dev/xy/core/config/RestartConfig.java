package dev.xy.core.config;

import java.time.Duration;
import java.util.Objects;

/** How a server is restarted: the policy, the backoff between attempts, and the crash-loop cap. */
public record RestartConfig(
        RestartPolicy policy, Duration backoffInitial, Duration backoffMax, int maxRetriesPerMinute) {
    public static final RestartConfig DEFAULT =
            new RestartConfig(RestartPolicy.ON_FAILURE, Duration.ofSeconds(1), Duration.ofSeconds(30), 5);

    public RestartConfig {
        Objects.requireNonNull(policy, "policy");
        if (backoffInitial.isNegative() || backoffInitial.isZero() || backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("need 0 < backoff-initial <= backoff-max");
        }
        if (maxRetriesPerMinute < 1) {
            throw new IllegalArgumentException("max-retries-per-minute must be at least 1");
        }
    }
}
