package dev.xy.core.supervisor;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.health.KeptSession;
import dev.xy.core.health.McpIdentity;
import dev.xy.core.health.McpProbe;
import dev.xy.core.health.ProbeOutcome;
import dev.xy.core.health.Prober;
import dev.xy.core.ports.PortHolders;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the real probes ({@link Prober}) on a small pool shared by every server of an engine. Each supervisor has
 * at most one probe in flight, and each probe is bounded by its timeout, so a few threads serve many servers;
 * the pool's threads go away when idle.
 *
 * <p>It also keeps, for each server process, the MCP session its checks reuse ({@link KeptSession}): made at the
 * process's first check, closed and DELETEd when the supervisor {@linkplain #release releases} the process, and
 * forgotten when the process has exited (the session went with it).
 */
public final class ExecutorHealthProbe implements HealthProbe, AutoCloseable {
    private static final int THREADS = 8;

    /** The DELETE's own bound, and time to get a thread of the pool when every one is probing. */
    private static final Duration RELEASE_WAIT = McpProbe.MAX_CLEANUP.plusSeconds(1);

    private final Prober prober;
    private final ExecutorService pool;
    private final Map<LaunchedProcess, KeptSession> sessions = new ConcurrentHashMap<>();
    /** The check under way for a process, if any: a release waits for it, so that its session is kept, then ended. */
    private final Map<LaunchedProcess, CompletableFuture<ProbeOutcome>> checking = new ConcurrentHashMap<>();

    public ExecutorHealthProbe(PortHolders holders) {
        this.prober = new Prober(holders);
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "xy-probe-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        this.pool = executor;
    }

    @Override
    public CompletableFuture<ProbeOutcome> check(
            ServerConfig config, LaunchedProcess process, Optional<McpIdentity> known) {
        CompletableFuture<ProbeOutcome> outcome = new CompletableFuture<>();
        KeptSession kept = sessionOf(process);
        checking.put(process, outcome);
        outcome.whenComplete((result, error) -> checking.remove(process, outcome));
        try {
            pool.execute(() -> {
                try {
                    outcome.complete(prober.check(config.health(), config.port(), tree(process.pid()), known, kept));
                } catch (RuntimeException e) {
                    outcome.complete(new ProbeOutcome.Failed("the probe broke: " + e, false));
                }
            });
        } catch (RejectedExecutionException e) {
            outcome.complete(new ProbeOutcome.Failed("xy is shutting down", false));
        }
        return outcome;
    }

    /**
     * Ends the process's session before it is stopped. A check under way first finishes (it is bounded by its
     * timeout) and puts its session back, so that it is DELETEd here while the server still answers, rather than
     * by the check after the server has had its SIGTERM.
     */
    @Override
    public CompletableFuture<Void> release(LaunchedProcess process) {
        CompletableFuture<ProbeOutcome> underWay = checking.get(process);
        if (underWay == null) {
            return endSession(process);
        }
        return underWay.handle((outcome, error) -> (Void) null)
                .completeOnTimeout(null, RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(checked -> endSession(process));
    }

    private CompletableFuture<Void> endSession(LaunchedProcess process) {
        Optional<Runnable> delete = sessionOf(process).close();
        if (delete.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return CompletableFuture.runAsync(delete.get(), pool)
                    .exceptionally(e -> null)
                    .completeOnTimeout(null, RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** The process's own, made at its first check (or release) and dropped once it has exited. */
    private KeptSession sessionOf(LaunchedProcess process) {
        KeptSession existing = sessions.get(process);
        if (existing != null) {
            return existing;
        }
        KeptSession fresh = new KeptSession();
        existing = sessions.putIfAbsent(process, fresh);
        if (existing != null) {
            return existing;
        }
        // An exited server took its sessions with it: nothing to DELETE, only to forget. A check still in flight
        // then keeps nothing (its session is DELETEd, should a leftover of the tree still answer).
        process.exit().whenComplete((status, error) -> {
            fresh.close();
            sessions.remove(process, fresh);
        });
        return fresh;
    }

    private static Set<Long> tree(long pid) {
        Set<Long> pids = new HashSet<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(root -> root.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    /**
     * The supervisors have stopped their servers, releasing every process, before the engine closes this: what
     * is left (nothing, normally) is only forgotten.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        sessions.values().forEach(KeptSession::close);
        sessions.clear();
    }
}
