package dev.xy.core.daemon;

import dev.xy.core.XyVersion;
import dev.xy.core.api.LogListener;
import dev.xy.core.api.StateListener;
import dev.xy.core.api.Subscription;
import dev.xy.core.api.XyApi;
import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ConfigProblem;
import dev.xy.core.config.ConfigSet;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.logs.FollowerBudget;
import dev.xy.core.logs.LogHub;
import dev.xy.core.logs.LogLine;
import dev.xy.core.logs.RotatingLogFile;
import dev.xy.core.ports.PortHolders;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.Methods;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ExecutorHealthProbe;
import dev.xy.core.supervisor.ExecutorScheduler;
import dev.xy.core.supervisor.ProcessLauncher;
import dev.xy.core.supervisor.SchedulerPool;
import dev.xy.core.supervisor.ServerState;
import dev.xy.core.supervisor.ServerSupervisor;
import dev.xy.core.supervisor.StartOutcome;
import dev.xy.core.supervisor.Transition;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The daemon's core: one {@link ServerSupervisor} per configured server, commands over sets of them (always
 * run concurrently), reload by diff, state events, and orderly shutdown. Hosted by the headless daemon and the
 * desktop app alike (see {@link DaemonHost}); the socket serves it to other clients.
 */
public final class Engine implements XyApi, AutoCloseable {
    private record Supervised(ServerSupervisor supervisor, ExecutorScheduler scheduler) {}

    /** At shutdown, how long followed logs get to pass on their last lines. */
    private static final java.time.Duration FOLLOWERS_END = java.time.Duration.ofSeconds(2);

    private final XyPaths paths;
    private final ProcessLauncher launcher;
    private final Consumer<String> daemonLog;
    private final Wire.Host host;
    private final Clock clock = Clock.systemUTC();
    private final long startedAtUnixMs = clock.millis();
    private final Map<String, Supervised> servers = new LinkedHashMap<>();
    /** Held by a reload until the servers it removed have stopped: see {@link #reload(Wire.ReloadParams)}. */
    private final Object reloading = new Object();

    private final StateEvents events = new StateEvents();
    /** Followed logs, so that a shutdown can let their last lines out; weakly held: a finished one just goes. */
    private final Set<LogForwarder> forwarders =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final ExecutorHealthProbe probe = new ExecutorHealthProbe(PortHolders.forThisSystem());
    /** The threads every supervisor runs on, each one task at a time: a handful for any number of servers. */
    private final SchedulerPool schedulers = new SchedulerPool("xy-supervisor");
    /** What the followers of every server may hold together: histories read back, lines queued for laggards. */
    private final FollowerBudget followerBudget = new FollowerBudget(FollowerBudget.DEFAULT_BYTES);

    private boolean closed;

    public Engine(XyPaths paths, ProcessLauncher launcher, Wire.Host host, Consumer<String> daemonLog) {
        this.paths = paths;
        this.launcher = launcher;
        this.host = host;
        this.daemonLog = daemonLog;
    }

    /** Takes on the servers of a valid config set, and starts the autostart ones concurrently. */
    public void startWith(ConfigSet configs) throws IOException {
        List<String> autostart;
        synchronized (this) {
            checkOpenUnchecked();
            autostart = addAll(configs.servers());
        }
        announceAdded(configs.servers());
        StartBatch.run(supervisors(autostart), "autostart", false, false, daemonLog);
    }

    @Override
    public Wire.DaemonInfo info() {
        return new Wire.DaemonInfo(
                version().daemon(),
                Methods.PROTOCOL_VERSION,
                ProcessHandle.current().pid(),
                host,
                paths.configDir().toString(),
                paths.logDir().toString(),
                startedAtUnixMs);
    }

    @Override
    public synchronized List<Wire.ServerSummary> list() {
        return servers.values().stream()
                .map(s -> summary(s.supervisor()))
                .sorted(Comparator.comparing(Wire.ServerSummary::name))
                .toList();
    }

    @Override
    public Wire.ServerDetail status(String name) throws RpcException {
        ServerSupervisor supervisor = supervisor(name);
        return WireViews.detail(
                supervisor.status(),
                supervisor.config(),
                supervisor.uptime(),
                supervisor.logs().fileTrouble(),
                supervisor.logs().file().path());
    }

    @Override
    public Wire.StartResult start(Wire.Target target) throws RpcException {
        StartBatch batch =
                StartBatch.run(supervisors(resolve(target)), "started by request", false, target.waits(), daemonLog);
        throwIfRetired(batch.retired(), target);
        batch.throwIfAnyFailed();
        if (isSingle(target) && !batch.alreadyRunning().isEmpty()) {
            boolean starting = supervisor(target.name()).status().state() == ServerState.STARTING;
            throw new RpcException(
                    ErrorCodes.ALREADY_RUNNING,
                    target.name() + (starting ? " is already starting" : " is already running"));
        }
        return new Wire.StartResult(batch.started(), batch.alreadyRunning());
    }

    @Override
    public Wire.StopResult stop(Wire.Target target) throws RpcException {
        List<ServerSupervisor> chosen = supervisors(resolve(target));
        List<CompletableFuture<Boolean>> stops =
                chosen.stream().map(ServerSupervisor::stop).toList();
        List<String> stopped = new ArrayList<>();
        List<String> notRunning = new ArrayList<>();
        List<String> retired = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            String name = chosen.get(i).name();
            stoppedNow(stops.get(i)).ifPresentOrElse(now -> (now ? stopped : notRunning).add(name), () -> {
                retired.add(name);
                notRunning.add(name);
            });
        }
        throwIfRetired(retired, target);
        if (isSingle(target) && !notRunning.isEmpty()) {
            throw new RpcException(ErrorCodes.NOT_RUNNING, target.name() + " is not running");
        }
        return new Wire.StopResult(stopped, notRunning);
    }

    /** Whether the stop stopped something; empty when the server was retired first (xy stopping, a reload). */
    private static Optional<Boolean> stoppedNow(CompletableFuture<Boolean> stop) {
        try {
            return Optional.of(stop.join());
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof ServerSupervisor.RetiredException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A command that reached servers only as they were retired: while xy shuts down that is the error for every
     * command; otherwise a reload removed them, which for a single name means there is no such server any more.
     * Several names report it per server instead.
     */
    private synchronized void throwIfRetired(List<String> retired, Wire.Target target) throws RpcException {
        if (retired.isEmpty()) {
            return;
        }
        checkOpen();
        if (isSingle(target)) {
            throw new RpcException(
                    ErrorCodes.SERVER_NOT_FOUND, "no server named " + target.name() + ": a reload removed it");
        }
    }

    @Override
    public Wire.RestartResult restart(Wire.Target target) throws RpcException {
        StartBatch batch =
                StartBatch.run(supervisors(resolve(target)), "restarted by request", true, target.waits(), daemonLog);
        throwIfRetired(batch.retired(), target);
        batch.throwIfAnyFailed();
        return new Wire.RestartResult(batch.started());
    }

    /**
     * Applies the config directory by diff. A changed server that is {@code failed} is started with its new
     * config: its failure may well have been the old config's fault, and the user has just fixed it. What the
     * reload started or restarted is waited for (unless {@code wait} is false) and reported, failures included.
     *
     * <p>A directory that has gone, or cannot be read, is refused and changes nothing: it is far more likely an
     * unmounted disk or a dotfiles tool relinking than a wish to stop everything. An empty directory is that wish,
     * and removes every server.
     */
    @Override
    public Wire.ReloadResult reload(Wire.ReloadParams params) throws RpcException {
        boolean untilReady = params.waits();
        ConfigDiff diff;
        List<String> toStart = new ArrayList<>();
        List<ServerSupervisor> reconfigured = new ArrayList<>();
        List<CompletableFuture<Optional<StartOutcome>>> restarts = new ArrayList<>();
        // One reload at a time, until its removed servers are gone: a removed server stops outside the engine's
        // lock (for up to its grace), and a reload meanwhile would take its name on again as new, next to the old
        // copy still holding its port and its log file.
        synchronized (reloading) {
            ConfigSet configs = ConfigLoader.loadExistingDirectory(paths.configDir());
            if (!configs.isValid()) {
                throw ConfigRefusals.reloadRefused(configs.problems(), paths.configDir());
            }
            List<Supervised> removed = new ArrayList<>();
            synchronized (this) {
                checkOpen();
                diff = ConfigDiff.between(
                        servers.values().stream()
                                .map(s -> s.supervisor().config())
                                .toList(),
                        configs.servers());
                // Everything new is made before anything changes: a log that cannot be opened refuses the reload
                // whole.
                List<Supervised> added = createAll(diff.added());
                diff.removed().forEach(name -> removed.add(servers.remove(name)));
                toStart.addAll(takeOn(added));
                for (ServerConfig config : diff.changed()) {
                    ServerSupervisor supervisor = servers.get(config.name()).supervisor();
                    if (supervisor.status().state() == ServerState.FAILED) {
                        toStart.add(config.name());
                    }
                    reconfigured.add(supervisor);
                    restarts.add(supervisor.reconfigure(config, untilReady));
                }
            }
            announceAdded(diff.added());
            removed.stream()
                    .map(r -> retire(r, "removed from the configs"))
                    .toList()
                    .forEach(CompletableFuture::join);
            removed.forEach(r -> events.publish(WireViews.membershipEvent(
                    Wire.EventKind.REMOVED, r.supervisor().name(), null, clock.instant())));
        }
        reconfigured.forEach(s -> announceChange(s, "config changed"));
        StartBatch started = StartBatch.run(supervisors(toStart), "config reloaded", false, untilReady, daemonLog);
        StartBatch restarted = restartsOf(reconfigured, restarts);
        daemonLog.accept("reloaded: " + diff.added().size() + " added, "
                + diff.removed().size() + " removed, " + diff.changed().size() + " changed, "
                + diff.unchanged().size() + " unchanged");
        List<Wire.Failure> failed = new ArrayList<>(started.failed());
        failed.addAll(restarted.failed());
        return new Wire.ReloadResult(
                diff.added().stream().map(ServerConfig::name).toList(),
                diff.removed(),
                diff.changed().stream().map(ServerConfig::name).toList(),
                diff.unchanged(),
                started.started(),
                restarted.started(),
                failed);
    }

    @Override
    public Wire.ReloadResult reload() throws RpcException {
        return reload(new Wire.ReloadParams(null));
    }

    /** What came of the restarts a config change caused; a change applied in place is no attempt at all. */
    private StartBatch restartsOf(
            List<ServerSupervisor> reconfigured, List<CompletableFuture<Optional<StartOutcome>>> restarts) {
        List<ServerSupervisor> restartedOnes = new ArrayList<>();
        List<CompletableFuture<StartOutcome>> attempts = new ArrayList<>();
        for (int i = 0; i < reconfigured.size(); i++) {
            Optional<StartOutcome> outcome = restarts.get(i).join();
            if (outcome.isPresent()) {
                restartedOnes.add(reconfigured.get(i));
                attempts.add(CompletableFuture.completedFuture(outcome.get()));
            }
        }
        return StartBatch.collect(restartedOnes, attempts, daemonLog);
    }

    @Override
    public List<LogLine> tail(String name, int count) throws RpcException {
        return supervisor(name).logs().tail(count);
    }

    @Override
    public Subscription follow(String name, int tail, LogListener listener) throws RpcException {
        LogForwarder forwarder =
                LogForwarder.start(supervisor(name).logs().follow(tail), listener, "xy-follow-" + name);
        forwarders.add(forwarder);
        return forwarder;
    }

    @Override
    public Subscription subscribe(StateListener listener) {
        return events.subscribe(listener, this::list);
    }

    /** How many state subscriptions are open, over every connection (for tests). */
    int stateSubscribers() {
        return events.size();
    }

    @Override
    public Wire.VersionResult version() {
        return new Wire.VersionResult(XyVersion.current(), Methods.PROTOCOL_VERSION);
    }

    /**
     * Stops every server concurrently, each within its grace, and releases their threads and files. Commands
     * that arrive meanwhile are refused as shutting down.
     */
    @Override
    public void close() {
        List<Supervised> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(servers.values());
        }
        all.stream().map(s -> retire(s, "xy is shutting down")).toList().forEach(CompletableFuture::join);
        synchronized (this) {
            servers.clear();
        }
        probe.close();
        awaitFollowersEnded();
        schedulers.close();
    }

    /**
     * The retired servers' logs are closed, so every follower is ending: give each up to a moment to pass on its
     * last lines and its end, so that the host's socket can deliver them before it hangs up.
     */
    private void awaitFollowersEnded() {
        long deadline = System.nanoTime() + FOLLOWERS_END.toNanos();
        List<LogForwarder> ending;
        synchronized (forwarders) {
            ending = List.copyOf(forwarders);
        }
        try {
            for (LogForwarder forwarder : ending) {
                forwarder.awaitEnd(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes on each server (stopped); returns the names of those to start automatically. */
    private List<String> addAll(List<ServerConfig> configs) throws IOException {
        try {
            return takeOn(createAll(configs));
        } catch (RpcException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Puts servers made by {@link #createAll} in the registry; returns the names of those to start themselves. */
    private List<String> takeOn(List<Supervised> created) {
        List<String> autostart = new ArrayList<>();
        for (Supervised supervised : created) {
            ServerConfig config = supervised.supervisor().config();
            servers.put(config.name(), supervised);
            if (config.autostart()) {
                autostart.add(config.name());
            }
        }
        return autostart;
    }

    /**
     * A supervisor with its log for each config, or none at all: a log that cannot be opened is a refusal naming
     * the file, and what was made so far is released.
     */
    private List<Supervised> createAll(List<ServerConfig> configs) throws RpcException {
        List<Supervised> created = new ArrayList<>();
        for (ServerConfig config : configs) {
            try {
                created.add(create(config));
            } catch (IOException e) {
                created.forEach(s -> {
                    s.supervisor().logs().close();
                    s.scheduler().close();
                });
                Path log = paths.logDir().resolve(config.name() + ".log");
                throw ConfigRefusals.configInvalid(List.of(ConfigProblem.ofFile(
                        log, "cannot open the log file of " + config.name() + ": " + e.getMessage())));
            }
        }
        return created;
    }

    private Supervised create(ServerConfig config) throws IOException {
        RotatingLogFile file = new RotatingLogFile(
                paths.logDir().resolve(config.name() + ".log"),
                config.logs().maxSizeBytes(),
                config.logs().keep());
        LogHub hub = new LogHub(config.name(), file, System::currentTimeMillis, followerBudget);
        ExecutorScheduler scheduler = new ExecutorScheduler(schedulers);
        ServerSupervisor supervisor = new ServerSupervisor(config, scheduler, launcher, probe, hub);
        supervisor.addListener(t -> announce(supervisor, t));
        supervisor.addChangeListener(reason -> announceChange(supervisor, reason));
        // A failing log disk is said once each way: in the daemon's log, and to subscribers (the status reason
        // shows it for as long as it lasts).
        hub.onFileNotice(notice -> {
            daemonLog.accept(config.name() + ": " + notice);
            announceChange(supervisor, notice);
        });
        return new Supervised(supervisor, scheduler);
    }

    /** Outside the engine's lock: a subscriber's snapshot takes the event lock, then the engine's. */
    private void announceAdded(List<ServerConfig> added) {
        for (ServerSupervisor supervisor :
                supervisors(added.stream().map(ServerConfig::name).toList())) {
            events.publish(WireViews.membershipEvent(
                    Wire.EventKind.ADDED, supervisor.name(), summary(supervisor), clock.instant()));
        }
    }

    private Wire.ServerSummary summary(ServerSupervisor supervisor) {
        return WireViews.summary(
                supervisor.status(),
                supervisor.config(),
                supervisor.uptime(),
                supervisor.logs().fileTrouble());
    }

    /** Runs on the supervisor's thread right after the transition, so the summary is the state it reached. */
    private void announce(ServerSupervisor supervisor, Transition t) {
        daemonLog.accept(
                t.server() + ": " + t.from().wireName() + " -> " + t.to().wireName() + " (" + t.reason() + ")");
        events.publish(WireViews.transitionEvent(t, summary(supervisor)));
    }

    /** Something about a server changed that is not a transition: its readiness, pid, tools or config. */
    private void announceChange(ServerSupervisor supervisor, String reason) {
        events.publish(() -> new Wire.StateEvent(
                null,
                Wire.EventKind.CHANGED,
                supervisor.name(),
                null,
                supervisor.status().state(),
                clock.millis(),
                reason,
                summary(supervisor)));
    }

    /** Stops a server for good and frees its thread and log file. */
    private CompletableFuture<Void> retire(Supervised supervised, String reason) {
        return supervised.supervisor().shutdown(reason).whenComplete((ignored, error) -> {
            supervised.supervisor().logs().close(reason);
            supervised.scheduler().close();
            supervised.supervisor().abandonCommands(); // what was queued behind the shutdown will never run
        });
    }

    private boolean isSingle(Wire.Target target) {
        return target.name() != null;
    }

    private void checkOpenUnchecked() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
    }

    private void checkOpen() throws RpcException {
        if (closed) {
            throw new RpcException(ErrorCodes.SHUTTING_DOWN, "xy is shutting down");
        }
    }

    /** The names a target stands for; every name must exist. */
    private synchronized List<String> resolve(Wire.Target target) throws RpcException {
        checkOpen();
        return ServerNames.resolve(target, servers.keySet());
    }

    private synchronized ServerSupervisor supervisor(String name) throws RpcException {
        checkOpen();
        if (name == null) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "invalid params: name is required");
        }
        Supervised supervised = servers.get(name);
        if (supervised == null) {
            throw ServerNames.notFound(List.of(name), servers.keySet());
        }
        return supervised.supervisor();
    }

    /** The supervisors of those names that still exist (a reload may have removed one meanwhile). */
    private synchronized List<ServerSupervisor> supervisors(List<String> names) {
        return names.stream()
                .filter(servers::containsKey)
                .map(n -> servers.get(n).supervisor())
                .toList();
    }
}
