package dev.xy.core.supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The callers waiting for a start (or restart) to settle: some until the server is ready, some only until its
 * process is spawned. Confined to the supervisor's thread.
 */
final class StartWaiters {
    private record Waiter(boolean untilReady, CompletableFuture<StartOutcome> result) {}

    private final List<Waiter> waiters = new ArrayList<>();

    void add(boolean untilReady, CompletableFuture<StartOutcome> result) {
        waiters.add(new Waiter(untilReady, result));
    }

    /** The process exists: those who did not ask to wait for ready are answered. */
    void spawned() {
        List<Waiter> done = waiters.stream().filter(w -> !w.untilReady()).toList();
        waiters.removeAll(done);
        done.forEach(w -> w.result().complete(StartOutcome.STARTED));
    }

    /** The attempt is over, one way or the other: everyone is answered. */
    void complete(StartOutcome outcome) {
        List<Waiter> done = List.copyOf(waiters);
        waiters.clear();
        done.forEach(w -> w.result().complete(outcome));
    }
}
