package dev.xy.core.supervisor;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads that every supervisor of a daemon runs on, instead of one thread per server: each supervisor
 * gets an {@link ExecutorScheduler} that runs its tasks one at a time and in order on whichever of these threads
 * is free, so a supervisor keeps its single thread of control while 100 servers cost a handful of threads, and
 * an idle daemon none at all (threads end after {@link #KEEP_ALIVE_SECONDS} without work). A task that blocks
 * for a while (a {@code kill} or {@code ps} run to completion) holds up only its own server: the others run on
 * the remaining threads.
 */
public final class SchedulerPool implements AutoCloseable {
    /** Threads at most: enough that a few slow tasks do not hold up every other server. */
    public static final int THREADS = 8;

    static final long KEEP_ALIVE_SECONDS = 30;

    private final ScheduledThreadPoolExecutor executor;

    public SchedulerPool(String threadNamePrefix) {
        this(threadNamePrefix, THREADS, Duration.ofSeconds(KEEP_ALIVE_SECONDS));
    }

    SchedulerPool(String threadNamePrefix, int threads, Duration keepAlive) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(threads, runnable -> {
            Thread thread = new Thread(
                    runnable, threads == 1 ? threadNamePrefix : threadNamePrefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(keepAlive.toNanos(), TimeUnit.NANOSECONDS);
        executor.allowCoreThreadTimeOut(true);
    }

    void execute(Runnable task) {
        executor.execute(task);
    }

    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** How many threads the pool has right now (for tests). */
    int threads() {
        return executor.getPoolSize();
    }

    /** Stops every thread; tasks still queued or scheduled are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
