package dev.xy.core.supervisor;

import java.time.Instant;
import java.util.Objects;

/** One change of a server's state, when it happened and why. */
public record Transition(String server, ServerState from, ServerState to, Instant at, String reason) {
    public Transition {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
