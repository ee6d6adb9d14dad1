package dev.xy.core.supervisor;

import dev.xy.core.config.ServerConfig;
import dev.xy.core.health.McpIdentity;
import dev.xy.core.health.ProbeOutcome;
import dev.xy.core.health.Prober;
import dev.xy.core.ports.PortHolders;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the real probes ({@link Prober}) on a small pool shared by every server of an engine. Each supervisor has
 * at most one probe in flight, and each probe is bounded by its timeout, so a few threads serve many servers;
 * the pool's threads go away when idle.
 */
public final class ExecutorHealthProbe implements HealthProbe, AutoCloseable {
    private static final int THREADS = 8;

    private final Prober prober;
    private final ExecutorService pool;

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
        try {
            pool.execute(() -> {
                try {
                    outcome.complete(prober.check(config.health(), config.port(), tree(process.pid()), known));
                } catch (RuntimeException e) {
                    outcome.complete(new ProbeOutcome.Failed("the probe broke: " + e, false));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            outcome.complete(new ProbeOutcome.Failed("xy is shutting down", false));
        }
        return outcome;
    }

    private static Set<Long> tree(long pid) {
        Set<Long> pids = new HashSet<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(root -> root.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
