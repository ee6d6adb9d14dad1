package dev.xy.core.daemon;

import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ConfigProblem;
import dev.xy.core.config.ConfigSet;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.logs.LogFollower;
import dev.xy.core.logs.LogHub;
import dev.xy.core.logs.LogLine;
import dev.xy.core.logs.RotatingLogFile;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.Methods;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ExecutorScheduler;
import dev.xy.core.supervisor.PortInUseException;
import dev.xy.core.supervisor.ProcessLauncher;
import dev.xy.core.supervisor.ServerSupervisor;
import dev.xy.core.supervisor.SpawnException;
import dev.xy.core.supervisor.StartOutcome;
import dev.xy.core.supervisor.Transition;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The daemon's core: one {@link ServerSupervisor} per configured server, commands over sets of them (always
 * run concurrently), reload by diff, and orderly shutdown. Hosted by the headless daemon and the tray app.
 */
public final class Engine implements XyApi, AutoCloseable {
    private record Supervised(ServerSupervisor supervisor, ExecutorScheduler scheduler) {}

    private final XyPaths paths;
    private final ProcessLauncher launcher;
    private final Consumer<String> daemonLog;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Supervised> servers = new LinkedHashMap<>();
    private final List<Consumer<Transition>> stateListeners = new CopyOnWriteArrayList<>();

    public Engine(XyPaths paths, ProcessLauncher launcher, Consumer<String> daemonLog) {
        this.paths = paths;
        this.launcher = launcher;
        this.daemonLog = daemonLog;
    }

    /** Takes on the servers of a valid config set, and starts the autostart ones concurrently. */
    public void startWith(ConfigSet configs) throws IOException {
        List<String> autostart;
        synchronized (this) {
            autostart = addAll(configs.servers());
        }
        startAll(autostart);
    }

    @Override
    public synchronized List<Wire.ServerSummary> list() {
        return servers.values().stream()
                .map(s -> WireViews.summary(s.supervisor().status(), clock.instant()))
                .sorted(Comparator.comparing(Wire.ServerSummary::name))
                .toList();
    }

    @Override
    public Wire.ServerDetail status(String name) throws RpcException {
        return WireViews.detail(supervisor(name).status(), clock.instant());
    }

    @Override
    public Wire.StartResult start(Wire.Target target) throws RpcException {
        StartReport report = startAll(resolve(target));
        if (!report.failed().isEmpty()) {
            String reasons = String.join(
                    "; ",
                    report.failed().stream()
                            .map(f -> f.name() + ": " + f.reason())
                            .toList());
            throw new RpcException(
                    report.allPortConflicts() ? ErrorCodes.PORT_CONFLICT : ErrorCodes.SPAWN_FAILED,
                    "cannot start " + reasons,
                    new Wire.StartFailure(report.started(), report.alreadyRunning(), report.failed()));
        }
        if (isSingle(target) && !report.alreadyRunning().isEmpty()) {
            throw new RpcException(ErrorCodes.ALREADY_RUNNING, target.name() + " is already running");
        }
        return new Wire.StartResult(report.started(), report.alreadyRunning());
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
        List<ServerSupervisor> chosen = supervisors(resolve(target));
        chosen.stream().map(ServerSupervisor::restart).toList().forEach(CompletableFuture::join);
        return new Wire.RestartResult(
                chosen.stream().map(ServerSupervisor::name).toList());
    }

    @Override
    public Wire.ReloadResult reload() throws RpcException {
        ConfigSet configs = ConfigLoader.loadDirectory(paths.configDir());
        if (!configs.isValid()) {
            throw configInvalid(configs.problems());
        }
        ConfigDiff diff;
        List<Supervised> removed = new ArrayList<>();
        List<String> toStart = new ArrayList<>();
        List<CompletableFuture<Boolean>> reconfigured = new ArrayList<>();
        synchronized (this) {
            diff = ConfigDiff.between(
                    servers.values().stream().map(s -> s.supervisor().config()).toList(), configs.servers());
            diff.removed().forEach(name -> removed.add(servers.remove(name)));
            try {
                toStart.addAll(addAll(diff.added()));
            } catch (IOException e) {
                throw new RpcException(ErrorCodes.INTERNAL_ERROR, "cannot open a server's log: " + e.getMessage());
            }
            for (ServerConfig config : diff.changed()) {
                reconfigured.add(servers.get(config.name()).supervisor().reconfigure(config));
            }
        }
        removed.stream().map(this::retire).toList().forEach(CompletableFuture::join);
        reconfigured.forEach(CompletableFuture::join);
        startAll(toStart);
        daemonLog.accept("reloaded: " + diff.added().size() + " added, "
                + diff.removed().size() + " removed, " + diff.changed().size() + " changed, "
                + diff.unchanged().size() + " unchanged");
        return new Wire.ReloadResult(
                diff.added().stream().map(ServerConfig::name).toList(),
                diff.removed(),
                diff.changed().stream().map(ServerConfig::name).toList(),
                diff.unchanged());
    }

    @Override
    public List<LogLine> tail(String name, int count) throws RpcException {
        return supervisor(name).logs().tail(count);
    }

    @Override
    public LogFollower follow(String name, int tail) throws RpcException {
        return supervisor(name).logs().follow(tail);
    }

    @Override
    public AutoCloseable subscribe(Consumer<Transition> listener) {
        stateListeners.add(listener);
        return () -> stateListeners.remove(listener);
    }

    @Override
    public Wire.VersionResult version() {
        String version = Engine.class.getPackage().getImplementationVersion();
        return new Wire.VersionResult(version == null ? "development" : version, Methods.PROTOCOL_VERSION);
    }

    /** Stops every server concurrently, each within its grace, and releases their threads and files. */
    @Override
    public void close() {
        List<Supervised> all;
        synchronized (this) {
            all = new ArrayList<>(servers.values());
            servers.clear();
        }
        all.stream().map(this::retire).toList().forEach(CompletableFuture::join);
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

    private record StartReport(
            List<String> started, List<String> alreadyRunning, List<Wire.Failure> failed, boolean allPortConflicts) {}

    /** Starts the named servers concurrently and reports each outcome; failures are also logged. */
    private StartReport startAll(List<String> names) {
        List<ServerSupervisor> chosen = supervisors(names);
        List<CompletableFuture<StartOutcome>> starts =
                chosen.stream().map(ServerSupervisor::start).toList();
        List<String> started = new ArrayList<>();
        List<String> alreadyRunning = new ArrayList<>();
        List<Wire.Failure> failed = new ArrayList<>();
        boolean allPortConflicts = true;
        for (int i = 0; i < chosen.size(); i++) {
            ServerSupervisor supervisor = chosen.get(i);
            switch (starts.get(i).join()) {
                case STARTED -> started.add(supervisor.name());
                case ALREADY_RUNNING -> alreadyRunning.add(supervisor.name());
                case SPAWN_FAILED -> {
                    SpawnException why = supervisor.lastSpawnFailure().orElseThrow();
                    allPortConflicts &= why instanceof PortInUseException;
                    failed.add(new Wire.Failure(supervisor.name(), why.getMessage()));
                    daemonLog.accept(supervisor.name() + ": cannot start: " + why.getMessage());
                }
            }
        }
        return new StartReport(started, alreadyRunning, failed, allPortConflicts);
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
        ExecutorScheduler scheduler = new ExecutorScheduler("xy-supervisor-" + config.name());
        ServerSupervisor supervisor = new ServerSupervisor(config, scheduler, launcher, hub);
        supervisor.addListener(this::announce);
        servers.put(config.name(), new Supervised(supervisor, scheduler));
    }

    private void announce(Transition t) {
        daemonLog.accept(
                t.server() + ": " + t.from().wireName() + " -> " + t.to().wireName() + " (" + t.reason() + ")");
        stateListeners.forEach(listener -> listener.accept(t));
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

    /** The names a target stands for; every name must exist. */
    private synchronized List<String> resolve(Wire.Target target) throws RpcException {
        int forms = (target.name() != null ? 1 : 0)
                + (target.names() != null ? 1 : 0)
                + (Boolean.TRUE.equals(target.all()) ? 1 : 0);
        if (forms != 1) {
            throw new RpcException(
                    ErrorCodes.INVALID_PARAMS, "invalid params: give exactly one of name, names or all: true");
        }
        if (Boolean.TRUE.equals(target.all())) {
            return new ArrayList<>(servers.keySet());
        }
        List<String> names = target.name() != null ? List.of(target.name()) : target.names();
        List<String> unknown =
                names.stream().filter(n -> !servers.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new RpcException(
                    ErrorCodes.SERVER_NOT_FOUND, "no server named " + String.join(", ", unknown), unknown);
        }
        return names.stream().distinct().toList();
    }

    private synchronized ServerSupervisor supervisor(String name) throws RpcException {
        if (name == null) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "invalid params: name is required");
        }
        Supervised supervised = servers.get(name);
        if (supervised == null) {
            throw new RpcException(ErrorCodes.SERVER_NOT_FOUND, "no server named " + name, List.of(name));
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
