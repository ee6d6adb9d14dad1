package dev.xy.core.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;

/**
 * A {@link Scheduler} on the system clocks whose tasks run one at a time, in the order they were queued, on the
 * threads of a {@link SchedulerPool} shared with other supervisors: the real thing. A task queued while another
 * runs waits for it; a task never runs beside another of the same scheduler, and what one task wrote the next
 * one sees (they hand over through this scheduler's lock). Timers are immune to wall clock steps: the pool
 * measures delays with {@link System#nanoTime}; a timer cancelled before it ran never runs, even when it was
 * already due and queued behind the task that cancels it.
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ExecutorScheduler.class.getName());
    /** Tasks run in one go before the thread is offered to other schedulers. */
    private static final int TASKS_PER_TURN = 64;

    private final Clock clock = Clock.systemUTC();
    private final SchedulerPool pool;
    /** Set when this scheduler made its own pool (one thread of its own), which it then closes too. */
    private final boolean ownsPool;

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final Set<ScheduledFuture<?>> timers = new HashSet<>();
    private boolean running;
    private boolean closed;

    /** A scheduler on the shared {@code pool}. */
    public ExecutorScheduler(SchedulerPool pool) {
        this(pool, false);
    }

    /** A scheduler with a thread of its own, named {@code threadName}: for a supervisor outside a daemon. */
    public ExecutorScheduler(String threadName) {
        this(new SchedulerPool(threadName, 1, Duration.ofSeconds(SchedulerPool.KEEP_ALIVE_SECONDS)), true);
    }

    private ExecutorScheduler(SchedulerPool pool, boolean ownsPool) {
        this.pool = pool;
        this.ownsPool = ownsPool;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (closed) {
                return;
            }
            queue.addLast(task);
            if (running) {
                return;
            }
            running = true;
        }
        submitTurn();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Timer timer = new Timer(task);
        synchronized (this) {
            if (closed) {
                return () -> {};
            }
            try {
                timer.future = pool.schedule(timer::fire, delay.toNanos());
            } catch (RejectedExecutionException e) {
                return () -> {}; // the pool is shutting down with the daemon
            }
            timers.add(timer.future);
        }
        return timer;
    }

    /** Drops what is queued and scheduled; a task running now finishes. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            queue.clear();
            timers.forEach(future -> future.cancel(false));
            timers.clear();
        }
        if (ownsPool) {
            pool.close();
        }
    }

    /** Timers neither fired nor cancelled yet (for tests). */
    synchronized int pendingTimers() {
        return timers.size();
    }

    private void submitTurn() {
        try {
            pool.execute(this::runTurn);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running = false; // the pool is shutting down with the daemon: nothing will run any more
                queue.clear();
            }
        }
    }

    /** Runs queued tasks one after another, then gives the thread back; another turn follows if any are left. */
    private void runTurn() {
        for (int i = 0; i < TASKS_PER_TURN; i++) {
            Runnable task;
            synchronized (this) {
                task = queue.pollFirst();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            guarded(task);
        }
        submitTurn(); // still running: more tasks wait, and this scheduler keeps its place
    }

    /** A bug in one task must not stop the tasks after it. */
    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "supervisor task failed", e);
        }
    }

    /** A delayed task: when due, it joins the queue; cancelled, it never runs, even once queued. */
    private final class Timer implements Cancellable {
        private final Runnable task;
        private volatile boolean cancelled;
        private ScheduledFuture<?> future;

        Timer(Runnable task) {
            this.task = task;
        }

        void fire() {
            synchronized (ExecutorScheduler.this) {
                timers.remove(future);
            }
            execute(() -> {
                if (!cancelled) {
                    task.run();
                }
            });
        }

        @Override
        public void cancel() {
            cancelled = true;
            synchronized (ExecutorScheduler.this) {
                if (future != null) {
                    future.cancel(false);
                    timers.remove(future);
                }
            }
        }
    }
}
