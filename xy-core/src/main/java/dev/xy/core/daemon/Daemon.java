package dev.xy.core.daemon;

import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ConfigSet;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * The headless daemon, in the foreground: hosts the engine ({@link DaemonHost}), and on SIGTERM or SIGINT stops
 * every server and cleans up before exiting 0. SIGHUP reloads the configs. Its own log goes to stderr.
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
        try (DaemonHost host = DaemonHost.acquire(paths, Wire.Host.DAEMON, this::say)) {
            return runHosting(host);
        } catch (DaemonLock.HeldException e) {
            say(e.getMessage());
            return ExitCodes.OPERATIONAL_ERROR;
        } catch (IOException e) {
            say("cannot start: " + e.getMessage());
            return ExitCodes.OPERATIONAL_ERROR;
        }
    }

    private int runHosting(DaemonHost host) throws IOException {
        ConfigSet configs = loadConfigs();
        if (!configs.isValid()) {
            configs.problems().forEach(problem -> log.println(problem.describe()));
            say(configs.problems().size() + " problem(s) in the server configs; not starting");
            return ExitCodes.CONFIG_INVALID;
        }
        // A safety net for exits that bypass the signal handlers below: never leave servers behind.
        Thread safetyNet = new Thread(host::close, "xy-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(safetyNet);
        try {
            Engine engine = host.serve(configs);
            handleSignals(engine);
            say("ready: " + configs.servers().size() + " server(s) configured in " + paths.configDir());
            awaitShutdown();
            say("shutting down: stopping every server");
        } finally {
            host.close();
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
        } catch (RpcException e) {
            say("reload refused: " + e.getMessage());
            for (Wire.Problem p : e.problems()) {
                log.println("  " + p.file() + (p.line() == null ? "" : ":" + p.line() + ":" + p.column()) + ": "
                        + p.message());
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
