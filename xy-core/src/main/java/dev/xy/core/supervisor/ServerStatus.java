package dev.xy.core.supervisor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A consistent snapshot of everything known about one server. {@code restartCount} counts automatic restarts
 * since the daemon started or since the last manual start; {@code transitions} holds the most recent 50.
 */
public record ServerStatus(
        String name,
        ServerState state,
        OptionalLong pid,
        int port,
        Optional<Instant> startedAt,
        int restartCount,
        Optional<ExitStatus> lastExit,
        List<Transition> transitions) {
    public ServerStatus {
        transitions = List.copyOf(transitions);
    }
}
