package dev.xy.core.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A scheduler whose clocks move only when told to; tasks run on the calling thread, one at a time. Like the real
 * one, it has two clocks: time passes on both ({@link #advance}), while {@link #stepWallClock} moves the wall clock
 * alone, as an NTP correction or a user setting the date does. Timers run on the monotonic clock.
 */
final class ManualScheduler implements Scheduler {
    private record Timer(long dueNanos, long sequence, Runnable task, boolean[] cancelled) {}

    private Instant wall = Instant.parse("2026-01-01T00:00:00Z");
    /** Far from zero, as a real monotonic reading is: code must use differences only. */
    private long nanos = 1_000_000_000_000L;

    private long sequence;
    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(Comparator.comparingLong(Timer::dueNanos).thenComparingLong(Timer::sequence));
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private boolean running;
    private boolean closed;

    @Override
    public Instant now() {
        return wall;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    /** Drops every task from now on, as a closed {@link ExecutorScheduler} does. */
    void close() {
        closed = true;
    }

    @Override
    public void execute(Runnable task) {
        if (closed) {
            return;
        }
        ready.addLast(task);
        if (running) {
            return; // the loop below is already draining: keep tasks strictly one at a time
        }
        running = true;
        try {
            while (!ready.isEmpty()) {
                ready.removeFirst().run();
            }
        } finally {
            running = false;
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        timers.add(new Timer(nanos + delay.toNanos(), sequence++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Lets time pass, on both clocks, running every timer that falls due on the way, in order. */
    void advance(Duration duration) {
        long target = nanos + duration.toNanos();
        while (!timers.isEmpty() && timers.peek().dueNanos() - target <= 0) {
            Timer timer = timers.poll();
            pass(timer.dueNanos() - nanos);
            if (!timer.cancelled()[0]) {
                execute(timer.task());
            }
        }
        pass(target - nanos);
    }

    /** Steps the wall clock alone, forwards or backwards; no time passes, no timer runs. */
    void stepWallClock(Duration step) {
        wall = wall.plus(step);
    }

    private void pass(long elapsed) {
        nanos += elapsed;
        wall = wall.plusNanos(elapsed);
    }

    long pendingTimers() {
        return timers.stream().filter(t -> !t.cancelled()[0]).count();
    }
}
