package dev.xy.core.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/** A scheduler whose clock moves only in {@link #advance}; tasks run on the calling thread, one at a time. */
final class ManualScheduler implements Scheduler {
    private record Timer(Instant due, long sequence, Runnable task, boolean[] cancelled) {}

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private long sequence;
    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(Comparator.comparing(Timer::due).thenComparingLong(Timer::sequence));
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private boolean running;

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
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
        timers.add(new Timer(now.plus(delay), sequence++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock forward, running every timer that falls due on the way, in order. */
    void advance(Duration duration) {
        Instant target = now.plus(duration);
        while (!timers.isEmpty() && !timers.peek().due().isAfter(target)) {
            Timer timer = timers.poll();
            now = timer.due();
            if (!timer.cancelled()[0]) {
                execute(timer.task());
            }
        }
        now = target;
    }

    long pendingTimers() {
        return timers.stream().filter(t -> !t.cancelled()[0]).count();
    }
}
