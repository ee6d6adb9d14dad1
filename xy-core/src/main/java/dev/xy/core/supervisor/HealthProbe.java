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

    /**
     * The supervisor is about to stop this process, and sends SIGTERM once the future completes: end what the
     * probe keeps open on the server for it (an MCP session, so that the server hears the client leave rather
     * than losing it), and keep nothing for it any more. Completes normally, within a few seconds whatever the
     * server does; the caller goes on when it completes, without blocking on it.
     */
    default CompletableFuture<Void> release(LaunchedProcess process) {
        return CompletableFuture.completedFuture(null);
    }

    /** For supervisors of servers whose health mode is {@code none}: any probe asked for fails, saying so. */
    HealthProbe UNAVAILABLE = (config, process, known) ->
            CompletableFuture.completedFuture(new ProbeOutcome.Failed("no health probe available", false));
}
