package dev.xy.core.supervisor;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.health.McpIdentity;
import dev.xy.core.health.ProbeOutcome;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Checks whether a server answers as its {@code health} settings expect, away from the supervisor's thread: the
 * supervisor never waits on a socket. The future always completes normally; a probe that breaks is a failed
 * outcome.
 */
public interface HealthProbe {
    /**
     * @param process the process being checked, for the ports its tree listens on when not on the right one
     * @param known what a ready server said about itself, for the cheaper periodic check; empty while starting
     */
    CompletableFuture<ProbeOutcome> check(ServerConfig config, LaunchedProcess process, Optional<McpIdentity> known);

    /** For supervisors of servers whose health mode is {@code none}: any probe asked for fails, saying so. */
    HealthProbe UNAVAILABLE = (config, process, known) ->
            CompletableFuture.completedFuture(new ProbeOutcome.Failed("no health probe available", false));
}
