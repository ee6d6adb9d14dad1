package dev.xy.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorSchedulerTest {
    private final SchedulerPool pool = new SchedulerPool("test-supervisor", 4, Duration.ofSeconds(30));

    @AfterEach
    void closePool() {
        pool.close();
    }

    /** What one server's tasks saw: whether two ran at once, the order they ran in, a count kept without locks. */
    private static final class Server {
        final ExecutorScheduler scheduler;
        final AtomicBoolean inside = new AtomicBoolean();
        final AtomicInteger overlaps = new AtomicInteger();
        final List<Integer> order = new ArrayList<>(); // touched only by the server's tasks
        int plainCount; // likewise: each task must see what the one before it wrote

        Server(SchedulerPool pool) {
            scheduler = new ExecutorScheduler(pool);
        }

        Runnable task(int number) {
            return () -> {
                if (!inside.compareAndSet(false, true)) {
                    overlaps.incrementAndGet();
                }
                order.add(number);
                plainCount++;
                Thread.onSpinWait();
                inside.set(false);
            };
        }
    }

    @Test
    void tasksOfOneSchedulerNeverRunAtOnceAndRunInTheOrderQueued() throws Exception {
        int servers = 40;
        int tasks = 2_000;
        List<Server> all = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            all.add(new Server(pool));
        }
        // Four threads queue at once, each for its own ten servers, as commands, exits and probes do.
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            List<Server> mine = all.subList(t * 10, t * 10 + 10);
            submitters.add(new Thread(() -> {
                for (int n = 0; n < tasks; n++) {
                    for (Server server : mine) {
                        server.scheduler.execute(server.task(n));
                    }
                }
            }));
        }
        submitters.forEach(Thread::start);
        for (Thread submitter : submitters) {
            submitter.join();
        }
        List<CompletableFuture<Integer>> counts = new ArrayList<>();
        for (Server server : all) {
            CompletableFuture<Integer> count = new CompletableFuture<>();
            server.scheduler.execute(() -> count.complete(server.plainCount));
            counts.add(count);
        }

        for (int i = 0; i < servers; i++) {
            Server server = all.get(i);
            assertThat(counts.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(tasks);
            assertThat(server.overlaps.get()).isZero();
            assertThat(server.order).hasSize(tasks).isSorted();
        }
    }

    @Test
    void timersAndTasksTheyQueueShareTheSingleThreadOfControl() throws Exception {
        Server server = new Server(pool);
        int timers = 500;
        CountDownLatch done = new CountDownLatch(timers);
        for (int i = 0; i < timers; i++) {
            Runnable task = server.task(i);
            server.scheduler.schedule(Duration.ofMillis(i % 7), () -> {
                task.run();
                server.scheduler.execute(server.task(-1)); // a task queued by a task, as the supervisor does
                done.countDown();
            });
            server.scheduler.execute(server.task(i));
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> count = new CompletableFuture<>();
        server.scheduler.execute(() -> count.complete(server.plainCount));

        assertThat(count.get(30, TimeUnit.SECONDS)).isEqualTo(3 * timers);
        assertThat(server.overlaps.get()).isZero();
    }

    @Test
    void aCancelledTimerNeverRunsEvenWhenItWasAlreadyDueAndQueued() throws Exception {
        ExecutorScheduler scheduler = new ExecutorScheduler(pool);
        CountDownLatch due = new CountDownLatch(1);
        AtomicBoolean ran = new AtomicBoolean();
        Scheduler.Cancellable[] timer = new Scheduler.Cancellable[1];
        // The server is busy in a task that, once the timer is due and queued behind it, calls it off: as a stop
        // does with a pending restart.
        scheduler.execute(() -> {
            awaitQuietly(due);
            timer[0].cancel();
        });
        timer[0] = scheduler.schedule(Duration.ZERO, () -> ran.set(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.pendingTimers() == 0);
        due.countDown();

        CompletableFuture<Void> after = new CompletableFuture<>();
        scheduler.execute(() -> after.complete(null));
        after.get(10, TimeUnit.SECONDS);

        assertThat(ran).isFalse();
    }

    @Test
    void aTaskThatBlocksHoldsUpOnlyItsOwnServer() throws Exception {
        ExecutorScheduler stuck = new ExecutorScheduler(pool);
        ExecutorScheduler other = new ExecutorScheduler(pool);
        CountDownLatch release = new CountDownLatch(1);
        stuck.execute(() -> awaitQuietly(release));
        CompletableFuture<String> otherRan = new CompletableFuture<>();
        CompletableFuture<String> stuckRan = new CompletableFuture<>();
        stuck.execute(() -> stuckRan.complete("after the slow one"));

        other.execute(() -> otherRan.complete("at once"));
        other.schedule(Duration.ofMillis(5), () -> otherRan.obtrudeValue("timer too"));

        await().atMost(Duration.ofSeconds(10)).until(() -> "timer too".equals(otherRan.getNow(null)));
        assertThat(stuckRan).isNotDone();
        release.countDown();
        assertThat(stuckRan.get(10, TimeUnit.SECONDS)).isEqualTo("after the slow one");
    }

    @Test
    void aFailingTaskDoesNotStopTheTasksAfterIt() throws Exception {
        ExecutorScheduler scheduler = new ExecutorScheduler(pool);
        CompletableFuture<String> next = new CompletableFuture<>();
        scheduler.execute(() -> {
            throw new IllegalStateException("a bug in one task");
        });
        scheduler.execute(() -> next.complete("still running"));
        assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo("still running");
    }

    @Test
    void closingDropsWhatIsQueuedAndScheduledAndLeavesOtherServersAlone() throws Exception {
        ExecutorScheduler closing = new ExecutorScheduler(pool);
        ExecutorScheduler staying = new ExecutorScheduler(pool);
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> ran = new ConcurrentLinkedQueue<>();
        closing.execute(() -> awaitQuietly(release));
        closing.execute(() -> ran.add("queued"));
        closing.schedule(Duration.ofMillis(1), () -> ran.add("scheduled"));

        closing.close();
        release.countDown();
        closing.execute(() -> ran.add("after close"));
        CompletableFuture<Void> stayed = new CompletableFuture<>();
        staying.schedule(Duration.ofMillis(20), () -> stayed.complete(null));
        stayed.get(10, TimeUnit.SECONDS);

        assertThat(ran).isEmpty();
        assertThat(closing.pendingTimers()).isZero();
    }

    @Test
    void anIdlePoolLetsItsThreadsGo() throws Exception {
        try (SchedulerPool quick = new SchedulerPool("quick", 4, Duration.ofMillis(50))) {
            List<ExecutorScheduler> schedulers = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(20);
            for (int i = 0; i < 20; i++) {
                ExecutorScheduler scheduler = new ExecutorScheduler(quick);
                schedulers.add(scheduler);
                scheduler.execute(done::countDown);
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(quick.threads()).isBetween(1, 4);

            await().atMost(Duration.ofSeconds(10)).until(() -> quick.threads() == 0);

            CompletableFuture<Void> later = new CompletableFuture<>();
            schedulers.get(0).schedule(Duration.ofMillis(100), () -> later.complete(null));
            later.get(10, TimeUnit.SECONDS); // a timer still gets a thread when it is due
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
