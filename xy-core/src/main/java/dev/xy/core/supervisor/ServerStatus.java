package dev.xy.core.supervisor;

import dev.xy.core.health.McpIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A consistent snapshot of everything known about one server. {@code restartCount} counts automatic restarts
 * since the daemon started or since the last manual start; {@code transitions} holds the most recent 50.
 * {@code ready} is present while a process runs: whether it passes its health check. {@code mcp} is what the
 * server last said about itself; {@code healthNote} why it is not ready yet, or its latest failed check.
 */
public record ServerStatus(
        String name,
        ServerState state,
        OptionalLong pid,
        int port,
        Optional<Instant> startedAt,
        int restartCount,
        Optional<ExitStatus> lastExit,
        List<Transition> transitions,
        Optional<Boolean> ready,
        Optional<McpIdentity> mcp,
        Optional<String> healthNote) {
    public ServerStatus {
        transitions = List.copyOf(transitions);
    }
}
