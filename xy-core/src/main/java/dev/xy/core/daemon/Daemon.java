package dev.xy.core.daemon;

import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ConfigSet;
import dev.xy.core.ipc.SocketServer;
import dev.xy.core.logs.RotatingLogFile;
import dev.xy.core.recovery.ProcessRecordStore;
import dev.xy.core.recovery.RecordingProcessLauncher;
import dev.xy.core.recovery.SurvivorReaper;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.OsProcessLauncher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * The headless daemon, in the foreground: takes the per-user lock, loads the configs, starts the autostart
 * servers, serves the socket, and on SIGTERM or SIGINT stops every server and cleans up before exiting 0.
 * SIGHUP reloads the configs. Its own log goes to stderr.
 */
public final class Daemon {
    private final XyPaths paths;
    private final PrintStream log;
    private final CountDownLatch shutdownRequested = new CountDownLatch(1);

    public Daemon(XyPaths paths, PrintStream log) {
        this.paths = paths;
        this.log = log;
    }

    /** Runs until asked to stop; returns the process exit code. */
    public int run() {
        try {
            RotatingLogFile.createPrivateDirectory(paths.stateDir());
            SocketServer.checkLength(paths.socket());
        } catch (IOException e) {
            say("cannot start: " + e.getMessage());
            return ExitCodes.OPERATIONAL_ERROR;
        }
        try (DaemonLock lock = DaemonLock.acquire(paths.stateDir().resolve("xy.lock"))) {
            return runLocked();
        } catch (DaemonLock.HeldException e) {
            say(e.getMessage());
            return ExitCodes.OPERATIONAL_ERROR;
        } catch (IOException e) {
            say("cannot start: " + e.getMessage());
            return ExitCodes.OPERATIONAL_ERROR;
        }
    }

    private int runLocked() throws IOException {
        ConfigSet configs = loadConfigs();
        if (!configs.isValid()) {
            configs.problems().forEach(problem -> log.println(problem.describe()));
            say(configs.problems().size() + " problem(s) in the server configs; not starting");
            return ExitCodes.CONFIG_INVALID;
        }
        ProcessRecordStore records = ProcessRecordStore.in(paths.stateDir());
        SurvivorReaper.forThisSystem(records).reap(configs).forEach(outcome -> say(outcome.describe()));
        Engine engine = new Engine(
                paths,
                new RecordingProcessLauncher(new OsProcessLauncher(Path.of("").toAbsolutePath()), records),
                this::say);
        // A safety net for exits that bypass the signal handlers below: never leave servers behind.
        Thread safetyNet = new Thread(engine::close, "xy-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(safetyNet);
        try (SocketServer socket = SocketServer.start(paths.socket(), ApiMethods.dispatcher(engine))) {
            handleSignals(engine);
            say("listening on " + socket.path() + "; logs in " + paths.logDir());
            engine.startWith(configs);
            say("ready: " + configs.servers().size() + " server(s) configured");
            awaitShutdown();
            say("shutting down: stopping every server");
        } finally {
            // The socket is closed first (no new commands can start anything), then every server is stopped.
            engine.close();
            try {
                Runtime.getRuntime().removeShutdownHook(safetyNet);
            } catch (IllegalStateException alreadyExiting) {
                // The JVM is exiting and runs the hook itself.
            }
        }
        say("stopped");
        return ExitCodes.OK;
    }

    /** Asks a running {@link #run()} to shut down, as SIGTERM does. */
    public void requestShutdown() {
        shutdownRequested.countDown();
    }

    private ConfigSet loadConfigs() {
        Path dir = paths.configDir();
        if (!Files.isDirectory(dir)) {
            say("no servers configured yet: put one <name>.kdl file per server in " + dir);
        }
        return ConfigLoader.loadDirectory(dir);
    }

    private void handleSignals(Engine engine) {
        Signal.handle(new Signal("TERM"), signal -> requestShutdown());
        Signal.handle(new Signal("INT"), signal -> requestShutdown());
        Signal.handle(new Signal("HUP"), signal -> {
            Thread reload = new Thread(() -> reloadOnSignal(engine), "xy-reload");
            reload.setDaemon(true);
            reload.start();
        });
    }

    private void reloadOnSignal(Engine engine) {
        try {
            engine.reload();
        } catch (dev.xy.core.rpc.RpcException e) {
            say("reload refused: " + e.getMessage());
            if (e.data() instanceof java.util.List<?> problems) {
                for (Object problem : problems) {
                    if (problem instanceof Wire.Problem p) {
                        log.println("  " + p.file() + (p.line() == null ? "" : ":" + p.line() + ":" + p.column()) + ": "
                                + p.message());
                    }
                }
            }
        }
    }

    private void awaitShutdown() {
        try {
            shutdownRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void say(String message) {
        log.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " xy: " + message);
    }
}
