package dev.xy.core.daemon;

import dev.xy.core.api.LogListener;
import dev.xy.core.api.Subscription;
import dev.xy.core.logs.LogFollower;
import dev.xy.core.logs.LogLine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns a {@link LogFollower} (pulled) into calls on a {@link LogListener} (pushed): one thread per followed
 * log waits on the follower and passes each line on, then says the stream ended. The follower's own bound keeps
 * a slow listener from holding lines without limit.
 */
final class LogForwarder implements Subscription {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final LogFollower follower;
    private final LogListener listener;
    private final CountDownLatch ended = new CountDownLatch(1);

    private LogForwarder(LogFollower follower, LogListener listener) {
        this.follower = follower;
        this.listener = listener;
    }

    static LogForwarder start(LogFollower follower, LogListener listener, String threadName) {
        LogForwarder forwarder = new LogForwarder(follower, listener);
        Thread thread = new Thread(forwarder::run, threadName);
        thread.setDaemon(true);
        thread.start();
        return forwarder;
    }

    private void run() {
        try {
            while (true) {
                Optional<LogLine> line = follower.poll(POLL);
                if (line.isPresent()) {
                    listener.line(line.get());
                } else if (follower.isClosed()) {
                    return; // closed and drained
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                listener.ended(follower.endReason(), null);
            } finally {
                ended.countDown();
            }
        }
    }

    /**
     * Waits until the last line and the end have been passed on, at most until {@code deadlineNanos}: a daemon
     * shutting down lets a follower's last lines reach its client before the connection goes.
     */
    boolean awaitEnd(long deadlineNanos) throws InterruptedException {
        return ended.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        follower.close();
    }
}
