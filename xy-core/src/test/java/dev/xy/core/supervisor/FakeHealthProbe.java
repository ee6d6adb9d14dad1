package dev.xy.core.supervisor;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.health.McpIdentity;
import dev.xy.core.health.ProbeOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Probes that a test answers by hand, in order; it sees what each probe was asked with. */
final class FakeHealthProbe implements HealthProbe {
    record Asked(LaunchedProcess process, Optional<McpIdentity> known, CompletableFuture<ProbeOutcome> answer) {}

    final ArrayDeque<Asked> pending = new ArrayDeque<>();
    int asked;
    final List<LaunchedProcess> released = new ArrayList<>();
    /** What {@link #release} answers: done at once, unless a test holds it to see what waits for it. */
    CompletableFuture<Void> releasing = CompletableFuture.completedFuture(null);

    @Override
    public CompletableFuture<ProbeOutcome> check(
            ServerConfig config, LaunchedProcess process, Optional<McpIdentity> known) {
        CompletableFuture<ProbeOutcome> answer = new CompletableFuture<>();
        pending.addLast(new Asked(process, known, answer));
        asked++;
        return answer;
    }

    @Override
    public CompletableFuture<Void> release(LaunchedProcess process) {
        released.add(process);
        return releasing;
    }

    /** Answers the oldest probe still waiting. */
    Asked answer(ProbeOutcome outcome) {
        Asked oldest = pending.removeFirst();
        oldest.answer().complete(outcome);
        return oldest;
    }
}
