package dev.xy.core.supervisor;

import dev.xy.core.config.Durations;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How a supervisor ends process trees: SIGTERM to the whole tree, SIGKILL to whatever is left after the grace.
 * It remembers the trees still in their grace (so that a shutdown can finish them off when the timer that would
 * have will die with the daemon) and which tree was sent SIGKILL (a tree that got SIGKILL counts as gone: only
 * zombies are left). Confined to the supervisor's thread.
 */
final class TreeEnds {
    private final Scheduler scheduler;
    private final Supplier<Duration> grace;
    private final Consumer<String> event;
    private final Set<LaunchedProcess> dying = new HashSet<>();
    private LaunchedProcess killed;

    TreeEnds(Scheduler scheduler, Supplier<Duration> grace, Consumer<String> event) {
        this.scheduler = scheduler;
        this.grace = grace;
        this.event = event;
    }

    /** SIGTERM now; SIGKILL after the grace, saying {@code what} the tree failed to do. */
    void terminate(LaunchedProcess tree, String what) {
        // Already sent SIGTERM and counting down to SIGKILL: a second SIGTERM makes many servers (uvicorn, Node
        // shutdown hooks) quit at once instead of shutting down cleanly.
        if (dying.contains(tree) || !tree.terminate()) {
            return;
        }
        dying.add(tree);
        Duration wait = grace.get();
        scheduler.schedule(wait, () -> {
            dying.remove(tree);
            if (tree.anyAlive()) {
                event.accept(what + " within " + Durations.format(wait) + " of SIGTERM: sending SIGKILL");
                tree.kill();
                killed = tree;
            }
        });
    }

    /** Whether nothing of the tree is left that could hold its port. */
    boolean isGone(LaunchedProcess tree) {
        return tree == killed || !tree.anyAlive();
    }

    /** SIGKILL now to every tree still in its grace: for a shutdown, whose timers will not run. */
    void killTheDying() {
        dying.stream().filter(LaunchedProcess::anyAlive).forEach(LaunchedProcess::kill);
        dying.clear();
    }
}
