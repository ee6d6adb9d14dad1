package dev.xy.core.health;

import java.util.Objects;
import java.util.Optional;

/** What one readiness or health check found. */
public sealed interface ProbeOutcome {
    /**
     * The check passed.
     *
     * @param mcp what the server said about itself; empty for a TCP check or none
     */
    record Passed(Optional<McpIdentity> mcp) implements ProbeOutcome {
        public Passed {
            Objects.requireNonNull(mcp, "mcp");
        }
    }

    /**
     * The check failed.
     *
     * @param reason what went wrong, short and for a person: {@code nothing listens on 3012}, {@code HTTP 404 at
     *     /mcp}, {@code initialize: timed out after 2s}, {@code tools/list failed: …}, {@code not an MCP answer: …}
     * @param nothingListens true when no process accepted a connection on the port at all
     */
    record Failed(String reason, boolean nothingListens) implements ProbeOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static ProbeOutcome passed(McpIdentity identity) {
        return new Passed(Optional.of(identity));
    }

    static ProbeOutcome passed() {
        return new Passed(Optional.empty());
    }

    default boolean isPassed() {
        return this instanceof Passed;
    }
}
