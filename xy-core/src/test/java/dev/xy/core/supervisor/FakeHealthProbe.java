package dev.xy.core.supervisor;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.health.McpIdentity;
import dev.xy.core.health.ProbeOutcome;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Probes that a test answers by hand, in order; it sees what each probe was asked with. */
final class FakeHealthProbe implements HealthProbe {
    record Asked(LaunchedProcess process, Optional<McpIdentity> known, CompletableFuture<ProbeOutcome> answer) {}

    final ArrayDeque<Asked> pending = new ArrayDeque<>();
    int asked;

    @Override
    public CompletableFuture<ProbeOutcome> check(
            ServerConfig config, LaunchedProcess process, Optional<McpIdentity> known) {
        CompletableFuture<ProbeOutcome> answer = new CompletableFuture<>();
        pending.addLast(new Asked(process, known, answer));
        asked++;
        return answer;
    }

    /** Answers the oldest probe still waiting. */
    Asked answer(ProbeOutcome outcome) {
        Asked oldest = pending.removeFirst();
        oldest.answer().complete(outcome);
        return oldest;
    }
}
