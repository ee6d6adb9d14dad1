package dev.xy.gui;

import dev.xy.core.client.DaemonClient;
import dev.xy.core.config.ConfigLoader;
import dev.xy.core.config.ConfigProblem;
import dev.xy.core.config.ConfigSet;
import dev.xy.core.daemon.DaemonHost;
import dev.xy.core.daemon.DaemonLock;
import dev.xy.core.daemon.Engine;
import dev.xy.core.daemon.XyPaths;
import dev.xy.core.ipc.DaemonUnreachableException;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Decides, at start-up and on reconnect, what the app drives: a daemon that answers on the socket is attached to;
 * otherwise this process takes the lock and hosts the engine on the same socket, so {@code xy list} in a terminal
 * sees the same servers. Blocks (socket, files, starting servers): never call it on the JavaFX thread.
 */
public final class BackendConnector {
    /** A daemon that holds the lock but does not answer yet is starting up: wait this long for its socket. */
    private static final Duration WAIT_FOR_STARTING_DAEMON = Duration.ofSeconds(10);

    private static final Duration RETRY = Duration.ofMillis(100);

    private final XyPaths paths;
    private final Consumer<String> log;
    /** The host this connector acquired, from the moment the lock is taken: a quit may come before it is served. */
    private volatile DaemonHost hosted;

    public BackendConnector(XyPaths paths, Consumer<String> log) {
        this.paths = paths;
        this.log = log;
    }

    public XyPaths paths() {
        return paths;
    }

    public Backend connect() throws IOException {
        long deadline = System.nanoTime() + WAIT_FOR_STARTING_DAEMON.toNanos();
        while (true) {
            Optional<Backend> attached = attach();
            if (attached.isPresent()) {
                return attached.get();
            }
            try {
                return host();
            } catch (DaemonLock.HeldException held) {
                if (System.nanoTime() > deadline) {
                    throw held;
                }
                pause();
            }
        }
    }

    /** The daemon (or another app) that answers on the socket, if any. */
    Optional<Backend> attach() {
        DaemonClient client;
        try {
            client = DaemonClient.connect(paths.socket());
        } catch (DaemonUnreachableException nobody) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Backend(client, client.info(), false, List.of(), client));
        } catch (IOException | RpcException goingAway) {
            client.close();
            return Optional.empty();
        }
    }

    /**
     * Hosts the engine here. Invalid configs do not keep the app from opening: a file with any problem contributes
     * no server, every other server is hosted, and the problems are handed to the window to show.
     */
    Backend host() throws IOException {
        DaemonHost host = DaemonHost.acquire(paths, Wire.Host.APP, log);
        hosted = host;
        try {
            ConfigSet loaded = ConfigLoader.loadDirectory(paths.configDir());
            Engine engine = host.serve(hostable(loaded));
            return new Backend(engine, engine.info(), true, loaded.problems(), host);
        } catch (IOException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /**
     * Stops what this connector hosts, if anything, even while {@link #connect} is still starting it (this then
     * waits for that to finish): a quit or SIGTERM during start-up must not leave hosted servers running. Safe
     * from a shutdown hook, idempotent.
     */
    public void closeHosted() {
        DaemonHost host = hosted;
        if (host != null) {
            host.close();
        }
    }

    /** The servers of the files that have no problem at all. */
    static ConfigSet hostable(ConfigSet loaded) {
        Set<Path> troubled = loaded.problems().stream().map(ConfigProblem::file).collect(Collectors.toSet());
        return new ConfigSet(
                loaded.servers().stream()
                        .filter(server -> !troubled.contains(server.file()))
                        .toList(),
                List.of());
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the daemon", e);
        }
    }
}
