package dev.xy.core.supervisor;

import dev.xy.core.config.Durations;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.logs.LogHub;
import dev.xy.core.logs.LogStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Keeps one server alive. It owns the server's state and is its single thread of control: commands, process
 * exits and timers all run as tasks on its {@link Scheduler}, one at a time, and none of them waits. A stop
 * during a backoff wait therefore cancels the pending restart at once. Other threads read {@link #status()}, a
 * snapshot, and hear about transitions through listeners.
 */
public final class ServerSupervisor {
    /** A server that stays up this long is considered healthy again: its backoff starts over. */
    public static final Duration STABLE_AFTER = Duration.ofSeconds(10);

    /** While stopping, how often to look whether the rest of the tree has gone after the server itself exited. */
    private static final Duration TREE_POLL = Duration.ofMillis(50);

    private final Scheduler scheduler;
    private final ProcessLauncher launcher;
    private final LogHub logs;
    private final TransitionLog transitions = new TransitionLog();

    // Confined to the scheduler's thread.
    private ServerConfig config;
    private ServerState state = ServerState.STOPPED;
    private LaunchedProcess process;
    private Instant startedAt;
    private int restartCount;
    private ExitStatus lastExit;
    private final Backoff backoff;
    private final RetryWindow window = new RetryWindow();
    private Scheduler.Cancellable pendingRestart;
    private Scheduler.Cancellable stableTimer;
    private boolean startAfterStop;
    private LaunchedProcess killedTree;
    /** Trees sent SIGTERM whose grace has not run out yet: shutdown must not leave them behind. */
    private final Set<LaunchedProcess> dyingTrees = new HashSet<>();

    private final List<CompletableFuture<ServerState>> settledWaiters = new ArrayList<>();
    /** Restarts waiting for the new process: done when it runs, fails, or the restart is called off. */
    private final List<CompletableFuture<Void>> runningWaiters = new ArrayList<>();

    private volatile ServerStatus status;
    private volatile SpawnException lastSpawnFailure;
    private volatile ServerConfig publishedConfig;

    public ServerSupervisor(ServerConfig config, Scheduler scheduler, ProcessLauncher launcher, LogHub logs) {
        this.config = config;
        this.scheduler = scheduler;
        this.launcher = launcher;
        this.logs = logs;
        this.backoff =
                new Backoff(config.restart().backoffInitial(), config.restart().backoffMax());
        publishStatus();
    }

    public String name() {
        return config.name();
    }

    public ServerStatus status() {
        return status;
    }

    public LogHub logs() {
        return logs;
    }

    /** Listeners run on the supervisor's thread and must not block. */
    public void addListener(Consumer<Transition> listener) {
        transitions.addListener(listener);
    }

    /**
     * Starts the server unless it is running. A manual start also forgets past crashes: the restart window, the
     * backoff and the restart count start over. Completes once the attempt has settled: running, or failed to
     * spawn (a server that is stopping is started again as soon as it has stopped).
     */
    public CompletableFuture<StartOutcome> start() {
        return start("started by request");
    }

    /** As {@link #start()}, saying why in the transition ({@code "autostart"}, {@code "config changed"}). */
    public CompletableFuture<StartOutcome> start(String reason) {
        return onThread(result -> {
            switch (state) {
                case RUNNING, STARTING -> result.complete(StartOutcome.ALREADY_RUNNING);
                case STOPPING -> {
                    startAfterStop = true;
                    result.complete(StartOutcome.STARTED);
                }
                default -> {
                    cancelPendingRestart();
                    manualSpawn(reason);
                    result.complete(state == ServerState.FAILED ? StartOutcome.SPAWN_FAILED : StartOutcome.STARTED);
                }
            }
        });
    }

    /** Why the most recent spawn attempt failed, if it did. */
    public Optional<SpawnException> lastSpawnFailure() {
        return Optional.ofNullable(lastSpawnFailure);
    }

    /** The config in force (after the last reconfigure). */
    public ServerConfig config() {
        return publishedConfig;
    }

    /**
     * Stops the server: SIGTERM to its process tree, SIGKILL after the grace period. In a backoff wait, the
     * pending restart is cancelled at once. Completes with false when it was not running, else once stopped.
     */
    public CompletableFuture<Boolean> stop() {
        return onThread(result -> {
            startAfterStop = false;
            if (!state.isActive()) {
                result.complete(false);
                return;
            }
            beginStop("stopped by request");
            whenSettled().thenRun(() -> result.complete(true));
        });
    }

    /**
     * Stops the server if it runs, then starts it again with its current config, as a manual start. Completes
     * once the new process runs (or could not be spawned), so that a client may use the server right after.
     */
    public CompletableFuture<Void> restart() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (state == ServerState.RUNNING || state == ServerState.STARTING || state == ServerState.STOPPING) {
                startAfterStop = true;
                runningWaiters.add(done);
                beginStop("restart requested");
            } else {
                cancelPendingRestart();
                manualSpawn("restarted by request");
                done.complete(null);
            }
        });
        return done;
    }

    /**
     * Applies a new config. Restart, stop and log settings apply in place; a change to what the process is
     * (command, args, env, working directory, port) restarts a running server. Completes with whether it did.
     */
    public CompletableFuture<Boolean> reconfigure(ServerConfig newConfig) {
        return onThread(result -> {
            boolean processChanged = config.processDiffers(newConfig);
            config = newConfig;
            backoff.reconfigure(
                    newConfig.restart().backoffInitial(), newConfig.restart().backoffMax());
            logs.file()
                    .reconfigure(
                            newConfig.logs().maxSizeBytes(), newConfig.logs().keep());
            boolean restart = processChanged && (state == ServerState.RUNNING || state == ServerState.STARTING);
            if (restart) {
                startAfterStop = true;
                beginStop("config changed");
            }
            publishStatus();
            result.complete(restart);
        });
    }

    /**
     * Stops the server for good (daemon shutdown); completes once no process of it is left. Leftovers of an
     * earlier crash still in their grace period get SIGKILL now: the timer that would have sent it dies with us.
     */
    public CompletableFuture<Void> shutdown() {
        return onThread(result -> {
            startAfterStop = false;
            if (state.isActive()) {
                beginStop("xy is shutting down");
            }
            whenSettled().thenRun(() -> {
                dyingTrees.stream().filter(LaunchedProcess::anyAlive).forEach(LaunchedProcess::kill);
                dyingTrees.clear();
                result.complete(null);
            });
        });
    }

    // ---- everything below runs on the scheduler's thread ----

    private <T> CompletableFuture<T> onThread(Consumer<CompletableFuture<T>> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        scheduler.execute(() -> command.accept(result));
        return result;
    }

    /** Completes when the server is in a state with no process and nothing pending: stopped or failed. */
    private CompletableFuture<ServerState> whenSettled() {
        CompletableFuture<ServerState> settled = new CompletableFuture<>();
        if (state.isActive()) {
            settledWaiters.add(settled);
        } else {
            settled.complete(state);
        }
        return settled;
    }

    private void manualSpawn(String reason) {
        window.clear();
        backoff.reset();
        restartCount = 0;
        spawn(reason);
    }

    private void spawn(String reason) {
        transition(ServerState.STARTING, reason);
        LaunchedProcess launched;
        try {
            launched = launcher.launch(config, logs);
            lastSpawnFailure = null;
        } catch (SpawnException e) {
            lastSpawnFailure = e;
            event("failed: cannot start: " + e.getMessage());
            transition(ServerState.FAILED, "cannot start: " + e.getMessage());
            return;
        }
        process = launched;
        startedAt = scheduler.now();
        event("started pid " + launched.pid());
        launched.captureOutput();
        launched.exit().whenComplete((exit, error) -> scheduler.execute(() -> onExit(launched, exit)));
        transition(ServerState.RUNNING, "pid " + launched.pid());
        stableTimer = scheduler.schedule(STABLE_AFTER, () -> {
            if (process == launched) {
                backoff.reset();
            }
        });
    }

    private void beginStop(String reason) {
        if (state == ServerState.RESTARTING) {
            cancelPendingRestart();
            transition(ServerState.STOPPED, reason + "; pending restart cancelled");
            maybeStartAfterStop();
            return;
        }
        if (state != ServerState.STOPPING) {
            transition(ServerState.STOPPING, reason);
            event("stopping (" + reason + "): sending SIGTERM");
            terminateWithGrace(process, "did not exit");
        }
    }

    /** SIGTERM now; SIGKILL after the grace period to whatever of the tree is still there. */
    private void terminateWithGrace(LaunchedProcess target, String what) {
        if (target.terminate()) {
            dyingTrees.add(target);
            Duration grace = config.stop().grace();
            scheduler.schedule(grace, () -> {
                dyingTrees.remove(target);
                if (target.anyAlive()) {
                    event(what + " within " + Durations.format(grace) + " of SIGTERM: sending SIGKILL");
                    target.kill();
                    killedTree = target;
                }
            });
        }
    }

    private void onExit(LaunchedProcess exited, ExitStatus exit) {
        if (exited != process) {
            return;
        }
        process = null;
        startedAt = null;
        ExitStatus status = exit == null ? ExitStatus.signal("unknown") : exit;
        lastExit = status;
        cancel(stableTimer);
        event("exited with " + status.describe());
        if (state == ServerState.STOPPING) {
            settleWhenTreeIsGone(exited, "exited with " + status.describe() + " after stop");
            return;
        }
        // A wrapper that died may leave children holding the port: clean up what is left of its tree.
        terminateWithGrace(exited, "leftover processes did not exit");
        decideAfterCrash(exited, status);
    }

    /**
     * A stop is complete only when the whole tree is gone (or has been sent SIGKILL): a restart must not race
     * a leftover child for the port, and the daemon must not exit while the grace timer still has work to do.
     */
    private void settleWhenTreeIsGone(LaunchedProcess tree, String reason) {
        if (state != ServerState.STOPPING) {
            return;
        }
        if (tree == killedTree || !tree.anyAlive()) {
            transition(ServerState.STOPPED, reason);
            maybeStartAfterStop();
        } else {
            scheduler.schedule(TREE_POLL, () -> settleWhenTreeIsGone(tree, reason));
        }
    }

    private void decideAfterCrash(LaunchedProcess exited, ExitStatus exit) {
        Instant now = scheduler.now();
        RestartDecision decision = RestartDecision.decide(
                config.restart().policy(),
                exit,
                window.count(now),
                config.restart().maxRetriesPerMinute());
        if (decision instanceof RestartDecision.Stop stop) {
            transition(ServerState.STOPPED, stop.reason());
        } else if (decision instanceof RestartDecision.Fail fail) {
            event("failed: " + fail.reason());
            transition(ServerState.FAILED, fail.reason());
        } else {
            Duration delay = backoff.nextDelay();
            window.record(now);
            restartCount++;
            String reason = "exited with " + exit.describe() + "; restarting in " + Durations.format(delay);
            event("restarting in " + Durations.format(delay) + " (restart " + restartCount + ")");
            transition(ServerState.RESTARTING, reason);
            pendingRestart = scheduler.schedule(delay, () -> restartOnceTreeIsGone(exited));
        }
    }

    /** An automatic restart waits for the old tree's leftovers, which may still hold the port, to be gone. */
    private void restartOnceTreeIsGone(LaunchedProcess old) {
        if (old != killedTree && old.anyAlive()) {
            pendingRestart = scheduler.schedule(TREE_POLL, () -> restartOnceTreeIsGone(old));
            return;
        }
        pendingRestart = null;
        spawn("automatic restart " + restartCount);
    }

    private void maybeStartAfterStop() {
        if (startAfterStop) {
            startAfterStop = false;
            manualSpawn("restarted");
        }
    }

    private void cancelPendingRestart() {
        cancel(pendingRestart);
        pendingRestart = null;
    }

    private static void cancel(Scheduler.Cancellable task) {
        if (task != null) {
            task.cancel();
        }
    }

    private void event(String text) {
        logs.publish(LogStream.XY, text);
    }

    private void transition(ServerState to, String reason) {
        Transition transition = new Transition(config.name(), state, to, scheduler.now(), reason);
        state = to;
        transitions.record(transition);
        publishStatus();
        // Listeners hear of it before any waiter completes: whoever asked for a stop has been told of it by the
        // time the stop returns (the daemon's shutdown relies on that to deliver the last events).
        transitions.announce(transition);
        if (!to.isActive()) {
            List<CompletableFuture<ServerState>> waiters = new ArrayList<>(settledWaiters);
            settledWaiters.clear();
            waiters.forEach(w -> w.complete(to));
        }
        if (to == ServerState.RUNNING || to == ServerState.FAILED || (to == ServerState.STOPPED && !startAfterStop)) {
            List<CompletableFuture<Void>> waiters = new ArrayList<>(runningWaiters);
            runningWaiters.clear();
            waiters.forEach(w -> w.complete(null));
        }
    }

    private void publishStatus() {
        publishedConfig = config;
        status = new ServerStatus(
                config.name(),
                state,
                process == null ? OptionalLong.empty() : OptionalLong.of(process.pid()),
                config.port(),
                Optional.ofNullable(startedAt),
                restartCount,
                Optional.ofNullable(lastExit),
                transitions.recent());
    }
}
