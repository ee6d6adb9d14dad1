package dev.xy.core.supervisor;

import dev.xy.core.config.Durations;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.health.McpIdentity;
import dev.xy.core.health.ReadinessDecision;
import dev.xy.core.logs.LogHub;
import dev.xy.core.logs.LogStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Keeps one server alive and ready. It owns the server's state and is its single thread of control: commands,
 * process exits, probe results and timers all run as tasks on its {@link Scheduler}, one at a time, and none of
 * them waits (probes run elsewhere, see {@link HealthProbe}). A stop during a backoff wait therefore cancels the
 * pending restart at once. Other threads read {@link #status()}, a snapshot, and hear about transitions and other
 * changes through listeners.
 *
 * <p>A spawned server is {@code starting} until its health check passes ({@link Readiness}), then {@code
 * running}; what the checks decide is {@link ReadinessDecision}'s, a pure function.
 */
public final class ServerSupervisor {
    /** A server that stays ready this long is considered healthy again: its backoff starts over. */
    public static final Duration STABLE_AFTER = Duration.ofSeconds(10);

    /** While stopping, how often to look whether the rest of the tree has gone after the server itself exited. */
    private static final Duration TREE_POLL = Duration.ofMillis(50);

    private final Scheduler scheduler;
    private final ProcessLauncher launcher;
    private final HealthProbe probe;
    private final LogHub logs;
    private final TransitionLog transitions = new TransitionLog();
    private final List<Consumer<String>> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    // Confined to the scheduler's thread.
    private ServerConfig config;
    private ServerState state = ServerState.STOPPED;
    private LaunchedProcess process;
    /** The process that exited last: what a restart waits for, in case its leftovers still hold the port. */
    private LaunchedProcess lastTree;
    /** When the current process was spawned: on the wall clock for people, on the monotonic one to measure. */
    private Instant startedAt;

    private long startedNanos;
    private int restartCount;
    private ExitStatus lastExit;
    private final Backoff backoff;
    private final RetryWindow window = new RetryWindow();
    private final HealthWatch health;
    private Scheduler.Cancellable pendingRestart;
    private Scheduler.Cancellable stableTimer;
    private boolean startAfterStop;
    /** Shut down for good: nothing starts a process any more, whatever was asked before or after. */
    private boolean retired;
    /** Commands not yet answered: those still queued when the scheduler closes are failed, not left waiting. */
    private final Set<CompletableFuture<?>> unanswered = ConcurrentHashMap.newKeySet();
    /** Set by {@link #abandonCommands}: the scheduler is closed, so a command now could never run. */
    private volatile boolean abandoned;
    /** Why xy is stopping the current process for its health: its exit then counts as that failure. */
    private String unhealthyReason;

    private final TreeEnds ends;

    private final List<CompletableFuture<ServerState>> settledWaiters = new ArrayList<>();
    private final StartWaiters startWaiters = new StartWaiters();

    private volatile ServerStatus status;
    private volatile SpawnException lastSpawnFailure;
    private volatile String lastStartFailure;
    private volatile ServerConfig publishedConfig;
    private volatile OptionalLong publishedStartedNanos = OptionalLong.empty();

    public ServerSupervisor(
            ServerConfig config, Scheduler scheduler, ProcessLauncher launcher, HealthProbe probe, LogHub logs) {
        this.config = config;
        this.scheduler = scheduler;
        this.launcher = launcher;
        this.probe = probe;
        this.ends = new TreeEnds(scheduler, () -> this.config.stop().grace(), this::event);
        this.health = new HealthWatch(scheduler, probe, () -> this.config, new HealthFindings());
        this.logs = logs;
        this.backoff =
                new Backoff(config.restart().backoffInitial(), config.restart().backoffMax());
        publishStatus();
    }

    /** For servers whose health mode is {@code none} (and tests of them): no probe is ever needed. */
    public ServerSupervisor(ServerConfig config, Scheduler scheduler, ProcessLauncher launcher, LogHub logs) {
        this(config, scheduler, launcher, HealthProbe.UNAVAILABLE, logs);
    }

    public String name() {
        return config.name();
    }

    public ServerStatus status() {
        return status;
    }

    /**
     * How long the current process has been running, measured on the monotonic clock (a wall clock stepped since
     * the spawn does not change it); empty when no process runs.
     */
    public Optional<Duration> uptime() {
        OptionalLong started = publishedStartedNanos;
        return started.isPresent()
                ? Optional.of(Duration.ofNanos(Math.max(0, scheduler.nanoTime() - started.getAsLong())))
                : Optional.empty();
    }

    public LogHub logs() {
        return logs;
    }

    /** Listeners run on the supervisor's thread and must not block. */
    public void addListener(Consumer<Transition> listener) {
        transitions.addListener(listener);
    }

    /**
     * Hears of changes that are not transitions (a pid once spawned, readiness lost, a new tool list), with a
     * reason; {@link #status()} already shows the change. Runs on the supervisor's thread; must not block.
     */
    public void addChangeListener(Consumer<String> listener) {
        changeListeners.add(listener);
    }

    /** As {@link #start(String, boolean)} by request, waiting until ready. */
    public CompletableFuture<StartOutcome> start() {
        return start("started by request", true);
    }

    /**
     * Starts the server unless it is running. A manual start also forgets past crashes: the restart window, the
     * backoff and the restart count start over. Completes once the attempt has settled: ready (or merely
     * spawned, unless {@code untilReady}), or failed — then {@link #lastStartFailure()} says why. A server that
     * is stopping is started again as soon as it has stopped.
     *
     * @param reason what the transition says: {@code "autostart"}, {@code "started by request"}
     */
    public CompletableFuture<StartOutcome> start(String reason, boolean untilReady) {
        return onThread(result -> {
            if (retired) {
                result.completeExceptionally(new RetiredException(name()));
                return;
            }
            switch (state) {
                case RUNNING -> result.complete(StartOutcome.ALREADY_RUNNING);
                case STARTING -> {
                    // Perhaps an automatic restart of a crash loop: the user's start means "try afresh", so the
                    // crashes are forgotten, and the caller hears how this attempt ends.
                    forgetCrashes();
                    publishStatus();
                    if (untilReady) {
                        startWaiters.add(true, result);
                    } else {
                        result.complete(StartOutcome.ALREADY_RUNNING);
                    }
                }
                case STOPPING -> {
                    startAfterStop = true;
                    startWaiters.add(untilReady, result);
                }
                default -> {
                    cancelPendingRestart();
                    startWaiters.add(untilReady, result);
                    manualSpawn(reason);
                }
            }
        });
    }

    /** Why the most recent spawn attempt failed, if it did. */
    public Optional<SpawnException> lastSpawnFailure() {
        return Optional.ofNullable(lastSpawnFailure);
    }

    /** Why the most recent start attempt did not lead to a ready server, if it did not. */
    public Optional<String> lastStartFailure() {
        return Optional.ofNullable(lastStartFailure);
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

    /** As {@link #restart(boolean)}, waiting until ready. */
    public CompletableFuture<StartOutcome> restart() {
        return restart(true);
    }

    /**
     * Stops the server if it runs, then starts it again with its current config, as a manual start. Completes
     * as {@link #start(String, boolean)} does, so that a client may use the server right after.
     */
    public CompletableFuture<StartOutcome> restart(boolean untilReady) {
        return onThread(result -> {
            if (retired) {
                result.completeExceptionally(new RetiredException(name()));
                return;
            }
            startWaiters.add(untilReady, result);
            if (state == ServerState.RUNNING || state == ServerState.STARTING || state == ServerState.STOPPING) {
                startAfterStop = true;
                beginStop("restart requested");
            } else {
                cancelPendingRestart();
                manualSpawn("restarted by request");
            }
        });
    }

    /**
     * Applies a new config. Restart, stop, health and log settings apply in place; a change to what the process
     * is (command, args, env, working directory, port) restarts a running server. Completes with whether it did.
     */
    public CompletableFuture<Boolean> reconfigure(ServerConfig newConfig) {
        return onThread(result -> result.complete(apply(newConfig, null)));
    }

    /**
     * As {@link #reconfigure(ServerConfig)}, and when that restarts the server, completes only once the new
     * process is ready (or spawned, unless {@code untilReady}) or has failed: empty when no restart was needed.
     */
    public CompletableFuture<Optional<StartOutcome>> reconfigure(ServerConfig newConfig, boolean untilReady) {
        CompletableFuture<Optional<StartOutcome>> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            CompletableFuture<StartOutcome> attempt = new CompletableFuture<>();
            if (apply(newConfig, new StartWaiter(untilReady, attempt))) {
                attempt.thenAccept(outcome -> done.complete(Optional.of(outcome)));
            } else {
                done.complete(Optional.empty());
            }
        });
        return done;
    }

    private record StartWaiter(boolean untilReady, CompletableFuture<StartOutcome> result) {}

    /** Takes on the config; returns whether that restarts the server, whose attempt {@code waiter} then awaits. */
    private boolean apply(ServerConfig newConfig, StartWaiter waiter) {
        if (retired) {
            return false;
        }
        boolean processChanged = config.processDiffers(newConfig);
        config = newConfig;
        backoff.reconfigure(
                newConfig.restart().backoffInitial(), newConfig.restart().backoffMax());
        logs.file()
                .reconfigure(newConfig.logs().maxSizeBytes(), newConfig.logs().keep());
        boolean restart = processChanged && (state == ServerState.RUNNING || state == ServerState.STARTING);
        if (restart) {
            startAfterStop = true;
            if (waiter != null) {
                startWaiters.add(waiter.untilReady(), waiter.result());
            }
            beginStop("config changed");
        }
        publishStatus();
        return restart;
    }

    /**
     * Stops the server for good (daemon shutdown); completes once no process of it is left. Leftovers of an
     * earlier crash still in their grace period get SIGKILL now: the timer that would have sent it dies with us.
     */
    public CompletableFuture<Void> shutdown() {
        return shutdown("xy is shutting down");
    }

    /** As {@link #shutdown()}, saying why in the transition: {@code "removed from the configs"}. */
    public CompletableFuture<Void> shutdown(String reason) {
        return onThread(result -> {
            retired = true;
            startAfterStop = false;
            if (state.isActive()) {
                beginStop(reason);
            }
            whenSettled().thenRun(() -> {
                ends.killTheDying();
                result.complete(null);
            });
        });
    }

    // ---- everything below runs on the scheduler's thread ----

    private <T> CompletableFuture<T> onThread(Consumer<CompletableFuture<T>> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        // Registered before looking at abandoned: see abandonCommands.
        unanswered.add(result);
        result.whenComplete((value, error) -> unanswered.remove(result));
        if (abandoned) {
            result.completeExceptionally(new RetiredException(name()));
            return result;
        }
        try {
            scheduler.execute(() -> command.accept(result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new RetiredException(name()));
        }
        return result;
    }

    /**
     * Fails every command still waiting for this supervisor's thread: for after {@link #shutdown} has completed
     * and the scheduler has been closed, which drops what was queued. A command that comes later fails at once.
     */
    public void abandonCommands() {
        abandoned = true;
        for (CompletableFuture<?> command : List.copyOf(unanswered)) {
            command.completeExceptionally(new RetiredException(name()));
        }
    }

    /** What a command to a supervisor that has been shut down (its server removed, or xy stopping) gets. */
    public static final class RetiredException extends IllegalStateException {
        RetiredException(String name) {
            super(name + " is no longer supervised: xy is shutting down, or it was removed");
        }
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
        forgetCrashes();
        if (state == ServerState.RESTARTING) {
            // In a backoff wait the crashed tree's leftovers may still be in their grace, holding the port: the
            // user's start waits for them as the automatic restart would have (a stop meanwhile cancels it).
            spawnOnceTreeIsGone(lastTree, reason);
        } else {
            spawn(reason);
        }
    }

    private void forgetCrashes() {
        window.clear();
        backoff.reset();
        restartCount = 0;
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
        startedNanos = scheduler.nanoTime();
        event("started pid " + launched.pid());
        launched.captureOutput();
        launched.exit().whenComplete((exit, error) -> scheduler.execute(() -> onExit(launched, exit)));
        changed("pid " + launched.pid());
        startWaiters.spawned();
        health.watch(launched, startedNanos);
    }

    /** What the health watch's findings mean for the server's state. */
    private final class HealthFindings implements HealthWatch.Findings {
        @Override
        public void ready(Optional<McpIdentity> mcp, String reason) {
            LaunchedProcess ready = process;
            transition(ServerState.RUNNING, reason);
            stableTimer = scheduler.schedule(STABLE_AFTER, () -> {
                if (process == ready) {
                    backoff.reset();
                }
            });
        }

        @Override
        public void unhealthy(String reason) {
            stopUnhealthy(reason);
        }

        @Override
        public void changed(String reason) {
            ServerSupervisor.this.changed(reason);
        }

        @Override
        public void noted() {
            publishStatus();
        }

        @Override
        public void event(String text) {
            ServerSupervisor.this.event(text);
        }
    }

    /** Not ready: show it, stop the tree, and let its exit be judged as this failure by the restart policy. */
    private void stopUnhealthy(String reason) {
        unhealthyReason = reason;
        event("unhealthy: " + reason + "; sending SIGTERM");
        changed("not ready: " + reason);
        releaseThenTerminate(process);
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
            releaseThenTerminate(process);
        }
    }

    /**
     * The probe ends what it keeps open on the server (its MCP session) while the server can still answer, then
     * SIGTERM: a bounded wait, as a task like any other, and none at all when nothing was kept.
     */
    private void releaseThenTerminate(LaunchedProcess target) {
        // No new check of a process on its way out: it would only open what the release is about to close.
        health.stop();
        CompletableFuture<Void> released = probe.release(target);
        if (released.isDone()) {
            ends.terminate(target, "did not exit");
        } else {
            released.whenComplete((done, error) -> scheduler.execute(() -> ends.terminate(target, "did not exit")));
        }
    }

    private void onExit(LaunchedProcess exited, ExitStatus exit) {
        if (exited != process) {
            return;
        }
        process = null;
        lastTree = exited;
        startedAt = null;
        health.gone();
        ExitStatus status = exit == null ? ExitStatus.signal("unknown") : exit;
        lastExit = status;
        cancel(stableTimer);
        event("exited with " + status.describe());
        String unhealthy = unhealthyReason;
        unhealthyReason = null;
        if (state == ServerState.STOPPING) {
            settleWhenTreeIsGone(exited, "exited with " + status.describe() + " after stop");
            return;
        }
        // A wrapper that died may leave children holding the port: clean up what is left of its tree.
        ends.terminate(exited, "leftover processes did not exit");
        decideAfterCrash(exited, status, unhealthy);
    }

    /**
     * A stop is complete only when the whole tree is gone (or has been sent SIGKILL): a restart must not race
     * a leftover child for the port, and the daemon must not exit while the grace timer still has work to do.
     */
    private void settleWhenTreeIsGone(LaunchedProcess tree, String reason) {
        if (state != ServerState.STOPPING) {
            return;
        }
        if (ends.isGone(tree)) {
            transition(ServerState.STOPPED, reason);
            maybeStartAfterStop();
        } else {
            scheduler.schedule(TREE_POLL, () -> settleWhenTreeIsGone(tree, reason));
        }
    }

    /** After the process ended on its own, or because xy stopped it as unhealthy ({@code unhealthy} set). */
    private void decideAfterCrash(LaunchedProcess exited, ExitStatus exit, String unhealthy) {
        long now = scheduler.nanoTime();
        int recent = window.count(now);
        int max = config.restart().maxRetriesPerMinute();
        RestartDecision decision = unhealthy != null
                ? RestartDecision.afterUnhealthy(config.restart().policy(), unhealthy, recent, max)
                : RestartDecision.decide(config.restart().policy(), exit, recent, max);
        String what = unhealthy != null ? unhealthy : "exited with " + exit.describe();
        if (decision instanceof RestartDecision.Stop stop) {
            transition(ServerState.STOPPED, stop.reason());
        } else if (decision instanceof RestartDecision.Fail fail) {
            event("failed: " + fail.reason());
            transition(ServerState.FAILED, fail.reason());
        } else {
            Duration delay = backoff.nextDelay();
            window.record(now);
            restartCount++;
            String reason = what + "; restarting in " + Durations.format(delay);
            event("restarting in " + Durations.format(delay) + " (restart " + restartCount + ")");
            transition(ServerState.RESTARTING, reason);
            String restart = "automatic restart " + restartCount;
            pendingRestart = scheduler.schedule(delay, () -> spawnOnceTreeIsGone(exited, restart));
        }
    }

    /** A restart waits for the old tree's leftovers, which may still hold the port, to be gone. */
    private void spawnOnceTreeIsGone(LaunchedProcess old, String reason) {
        if (old != null && !ends.isGone(old)) {
            pendingRestart = scheduler.schedule(TREE_POLL, () -> spawnOnceTreeIsGone(old, reason));
            return;
        }
        pendingRestart = null;
        spawn(reason);
    }

    private void maybeStartAfterStop() {
        if (startAfterStop && !retired) {
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

    private void changed(String reason) {
        publishStatus();
        for (Consumer<String> listener : changeListeners) {
            listener.accept(reason);
        }
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
        settleStartWaiters(to, reason);
    }

    /** A start attempt is over once the server is ready, or has ended up anywhere but on its way to ready. */
    private void settleStartWaiters(ServerState to, String reason) {
        if (to == ServerState.RUNNING) {
            lastStartFailure = null;
            startWaiters.complete(StartOutcome.STARTED);
        } else if (to == ServerState.FAILED
                || to == ServerState.RESTARTING
                || (to == ServerState.STOPPED && !startAfterStop)) {
            lastStartFailure = reason;
            boolean atSpawn = to == ServerState.FAILED && lastSpawnFailure != null;
            startWaiters.complete(atSpawn ? StartOutcome.SPAWN_FAILED : StartOutcome.NOT_READY);
        }
    }

    private void publishStatus() {
        publishedConfig = config;
        boolean up = process != null;
        publishedStartedNanos = up ? OptionalLong.of(startedNanos) : OptionalLong.empty();
        status = new ServerStatus(
                config.name(),
                state,
                up ? OptionalLong.of(process.pid()) : OptionalLong.empty(),
                config.port(),
                Optional.ofNullable(startedAt),
                restartCount,
                Optional.ofNullable(lastExit),
                transitions.recent(),
                up ? Optional.of(health.isReady()) : Optional.empty(),
                health.mcp(),
                up ? health.note() : Optional.empty());
    }
}
