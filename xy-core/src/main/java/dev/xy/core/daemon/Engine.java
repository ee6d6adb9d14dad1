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
import dev.xy.core.config.Suggestions;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The daemon's core: one {@link ServerSupervisor} per configured server, commands over sets of them (always
 * run concurrently), reload by diff, state events, and orderly shutdown. Hosted by the headless daemon and the
 * desktop app alike (see {@link DaemonHost}); the socket serves it to other clients.
 */
public final class Engine implements XyApi, AutoCloseable {
    private record Supervised(ServerSupervisor supervisor, ExecutorScheduler scheduler) {}

    private final XyPaths paths;
    private final ProcessLauncher launcher;
    private final Consumer<String> daemonLog;
    private final Wire.Host host;
    private final Clock clock = Clock.systemUTC();
    private final long startedAtUnixMs = clock.millis();
    private final Map<String, Supervised> servers = new LinkedHashMap<>();
    private final StateEvents events = new StateEvents();
    private final ExecutorHealthProbe probe = new ExecutorHealthProbe(PortHolders.forThisSystem());
    /** The threads every supervisor runs on, each one task at a time: a handful for any number of servers. */
    private final SchedulerPool schedulers = new SchedulerPool("xy-supervisor");

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
        batch.throwIfAnyFailed();
        if (isSingle(target) && !batch.alreadyRunning().isEmpty()) {
            throw new RpcException(ErrorCodes.ALREADY_RUNNING, target.name() + " is already running");
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
        for (int i = 0; i < chosen.size(); i++) {
            (stops.get(i).join() ? stopped : notRunning).add(chosen.get(i).name());
        }
        if (isSingle(target) && !notRunning.isEmpty()) {
            throw new RpcException(ErrorCodes.NOT_RUNNING, target.name() + " is not running");
        }
        return new Wire.StopResult(stopped, notRunning);
    }

    @Override
    public Wire.RestartResult restart(Wire.Target target) throws RpcException {
        StartBatch batch =
                StartBatch.run(supervisors(resolve(target)), "restarted by request", true, target.waits(), daemonLog);
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
        ConfigSet configs = ConfigLoader.loadExistingDirectory(paths.configDir());
        if (!configs.isValid()) {
            throw reloadRefused(configs.problems());
        }
        ConfigDiff diff;
        List<Supervised> removed = new ArrayList<>();
        List<String> toStart = new ArrayList<>();
        List<ServerSupervisor> reconfigured = new ArrayList<>();
        List<CompletableFuture<Optional<StartOutcome>>> restarts = new ArrayList<>();
        synchronized (this) {
            checkOpen();
            diff = ConfigDiff.between(
                    servers.values().stream().map(s -> s.supervisor().config()).toList(), configs.servers());
            diff.removed().forEach(name -> removed.add(servers.remove(name)));
            try {
                toStart.addAll(addAll(diff.added()));
            } catch (IOException e) {
                throw new RpcException(ErrorCodes.INTERNAL_ERROR, "cannot open a server's log: " + e.getMessage());
            }
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
        removed.stream().map(this::retire).toList().forEach(CompletableFuture::join);
        removed.forEach(r -> events.publish(
                WireViews.membershipEvent(Wire.EventKind.REMOVED, r.supervisor().name(), null, clock.instant())));
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
        return LogForwarder.start(supervisor(name).logs().follow(tail), listener, "xy-follow-" + name);
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
        all.stream().map(this::retire).toList().forEach(CompletableFuture::join);
        synchronized (this) {
            servers.clear();
        }
        probe.close();
        schedulers.close();
    }

    static RpcException configInvalid(List<ConfigProblem> problems) {
        List<Wire.Problem> data = problems.stream()
                .map(p -> new Wire.Problem(
                        p.file().toString(),
                        p.line() > 0 ? p.line() : null,
                        p.line() > 0 ? p.column() : null,
                        p.message()))
                .toList();
        return new RpcException(
                ErrorCodes.CONFIG_INVALID,
                problems.size() + " problem(s) in the server configs; nothing changed",
                data);
    }

    /** As {@link #configInvalid}, said plainly when it is the directory itself that cannot be read. */
    private RpcException reloadRefused(List<ConfigProblem> problems) {
        RpcException invalid = configInvalid(problems);
        Path dir = paths.configDir();
        return problems.stream()
                .filter(p -> p.file().equals(dir) && p.message().startsWith(ConfigLoader.DIRECTORY_PROBLEM))
                .findFirst()
                .map(p -> new RpcException(
                        invalid.code(),
                        ConfigLoader.DIRECTORY_PROBLEM + dir + " "
                                + p.message().substring(ConfigLoader.DIRECTORY_PROBLEM.length())
                                + "; nothing changed: the servers run on as they were",
                        invalid.data()))
                .orElse(invalid);
    }

    /** Takes on each server (stopped); returns the names of those to start automatically. */
    private List<String> addAll(List<ServerConfig> configs) throws IOException {
        List<String> autostart = new ArrayList<>();
        for (ServerConfig config : configs) {
            add(config);
            if (config.autostart()) {
                autostart.add(config.name());
            }
        }
        return autostart;
    }

    private void add(ServerConfig config) throws IOException {
        RotatingLogFile file = new RotatingLogFile(
                paths.logDir().resolve(config.name() + ".log"),
                config.logs().maxSizeBytes(),
                config.logs().keep());
        LogHub hub = new LogHub(config.name(), file, System::currentTimeMillis);
        ExecutorScheduler scheduler = new ExecutorScheduler(schedulers);
        ServerSupervisor supervisor = new ServerSupervisor(config, scheduler, launcher, probe, hub);
        servers.put(config.name(), new Supervised(supervisor, scheduler));
        supervisor.addListener(t -> announce(supervisor, t));
        supervisor.addChangeListener(reason -> announceChange(supervisor, reason));
        // A failing log disk is said once each way: in the daemon's log, and to subscribers (the status reason
        // shows it for as long as it lasts).
        hub.onFileNotice(notice -> {
            daemonLog.accept(config.name() + ": " + notice);
            announceChange(supervisor, notice);
        });
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
        events.publish(new Wire.StateEvent(
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
    private CompletableFuture<Void> retire(Supervised supervised) {
        return supervised.supervisor().shutdown().whenComplete((ignored, error) -> {
            supervised.supervisor().logs().close();
            supervised.scheduler().close();
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
        int forms = (target.name() != null ? 1 : 0)
                + (target.names() != null ? 1 : 0)
                + (Boolean.TRUE.equals(target.all()) ? 1 : 0);
        if (forms != 1) {
            throw new RpcException(
                    ErrorCodes.INVALID_PARAMS, "invalid params: give exactly one of name, names or all: true");
        }
        if (Boolean.TRUE.equals(target.all())) {
            return servers.keySet().stream().sorted().toList();
        }
        List<String> names = target.name() != null ? List.of(target.name()) : target.names();
        List<String> unknown =
                names.stream().filter(n -> !servers.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw notFound(unknown);
        }
        return names.stream().distinct().toList();
    }

    private synchronized ServerSupervisor supervisor(String name) throws RpcException {
        checkOpen();
        if (name == null) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "invalid params: name is required");
        }
        Supervised supervised = servers.get(name);
        if (supervised == null) {
            throw notFound(List.of(name));
        }
        return supervised.supervisor();
    }

    /** Names what is unknown, and for a single name the closest known one: typos are the usual cause. */
    private RpcException notFound(List<String> unknown) {
        String hint = unknown.size() == 1
                ? Suggestions.closest(unknown.get(0), servers.keySet())
                        .map(s -> "; did you mean " + s + "?")
                        .orElse("")
                : "";
        return new RpcException(
                ErrorCodes.SERVER_NOT_FOUND, "no server named " + String.join(", ", unknown) + hint, unknown);
    }

    /** The supervisors of those names that still exist (a reload may have removed one meanwhile). */
    private synchronized List<ServerSupervisor> supervisors(List<String> names) {
        return names.stream()
                .filter(servers::containsKey)
                .map(n -> servers.get(n).supervisor())
                .toList();
    }
}
