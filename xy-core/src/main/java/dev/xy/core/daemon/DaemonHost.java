package dev.xy.core.daemon;

import dev.xy.core.config.ConfigSet;
import dev.xy.core.ipc.SocketServer;
import dev.xy.core.logs.RotatingLogFile;
import dev.xy.core.recovery.ProcessRecordStore;
import dev.xy.core.recovery.RecordingProcessLauncher;
import dev.xy.core.recovery.SurvivorReaper;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.OsProcessLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What hosts xy's engine, for the headless daemon and the desktop app alike: the per-user lock, the engine and
 * the socket that serves it to the CLI and other clients. Signals and windows stay with the entry points.
 *
 * <p>{@link #acquire} takes the lock (one host per user); {@link #serve} stops what a host that died left
 * running (see {@link SurvivorReaper}), then starts the engine and the socket;
 * {@link #close} stops every server, lets clients receive the last events, removes the socket and releases the
 * lock, in that order.
 */
public final class DaemonHost implements AutoCloseable {
    /** How long clients get, at shutdown, to receive what is still queued for them (the last log lines). */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final XyPaths paths;
    private final Wire.Host kind;
    private final Consumer<String> log;
    private final DaemonLock lock;
    private Engine engine;
    private SocketServer socket;
    private RecordingProcessLauncher recording;
    private boolean closed;

    private DaemonHost(XyPaths paths, Wire.Host kind, Consumer<String> log, DaemonLock lock) {
        this.paths = paths;
        this.kind = kind;
        this.log = log;
        this.lock = lock;
    }

    /**
     * Takes the per-user lock. {@link DaemonLock.HeldException} when another daemon or app hosts already; an
     * {@link IOException} when the state directory or socket path is unusable.
     */
    public static DaemonHost acquire(XyPaths paths, Wire.Host kind, Consumer<String> log) throws IOException {
        RotatingLogFile.createPrivateDirectory(paths.stateDir());
        SocketServer.checkLength(paths.socket());
        return new DaemonHost(
                paths, kind, log, DaemonLock.acquire(paths.stateDir().resolve(DaemonLock.FILE_NAME)));
    }

    /** Starts the engine on a valid config set, serves it on the socket, and starts the autostart servers. */
    public synchronized Engine serve(ConfigSet configs) throws IOException {
        if (engine != null) {
            throw new IllegalStateException("already serving");
        }
        if (closed) {
            // Closed between acquire and serve (an app quit while it was still loading configs): the lock is
            // released, so serving now would run servers no one stops.
            throw new IOException("xy is shutting down");
        }
        // Servers left running by a host that died (SIGKILL, OOM, a crashed app) are stopped first, so that
        // every server runs exactly once from here on.
        ProcessRecordStore records = ProcessRecordStore.in(paths.stateDir());
        SurvivorReaper.forThisSystem(records).reap(configs).forEach(outcome -> log.accept(outcome.describe()));
        recording =
                new RecordingProcessLauncher(new OsProcessLauncher(Path.of("").toAbsolutePath()), records);
        engine = new Engine(paths, recording, kind, log);
        TailBudget tails = new TailBudget();
        socket = SocketServer.start(paths.socket(), peer -> ApiSession.dispatcher(engine, peer, tails));
        log.accept("listening on " + socket.path() + "; logs in " + paths.logDir());
        engine.startWith(configs);
        return engine;
    }

    public XyPaths paths() {
        return paths;
    }

    /** Idempotent; safe from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (socket != null) {
            socket.stopAccepting();
        }
        if (engine != null) {
            engine.close();
        }
        if (socket != null) {
            socket.close(DRAIN);
            socket = null;
        }
        engine = null;
        if (recording != null) {
            recording.close();
            recording = null;
        }
        try {
            lock.close();
        } catch (IOException e) {
            log.accept("could not release the lock: " + e.getMessage());
        }
    }
}
