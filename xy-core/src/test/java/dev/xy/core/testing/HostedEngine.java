package dev.xy.core.testing;

import dev.xy.core.client.DaemonClient;
import dev.xy.core.config.ConfigLoader;
import dev.xy.core.daemon.DaemonHost;
import dev.xy.core.daemon.Engine;
import dev.xy.core.daemon.XyPaths;
import dev.xy.core.rpc.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A daemon hosted in the test's JVM, as the app hosts one: XDG directories under a folder of the test's, the
 * server configs the test writes there, a {@link DaemonHost} serving them on the socket, and clients to it.
 * Closing it closes the clients and whatever else it was handed, in that order, then the host, which stops every
 * server.
 */
public final class HostedEngine implements AutoCloseable {
    private final XyPaths paths;
    private final List<String> daemonLog = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private DaemonHost host;
    private Engine engine;

    private HostedEngine(XyPaths paths) {
        this.paths = paths;
    }

    /** Config, state and runtime directories under {@code dir}; keep it short, the socket's path must fit. */
    public static HostedEngine in(Path dir) throws IOException {
        XyPaths paths = XyPaths.from(
                Map.of(
                        "XDG_CONFIG_HOME", dir.resolve("cfg").toString(),
                        "XDG_STATE_HOME", dir.resolve("state").toString(),
                        "XDG_RUNTIME_DIR",
                                Files.createDirectories(dir.resolve("run")).toString()),
                dir);
        Files.createDirectories(paths.configDir());
        return new HostedEngine(paths);
    }

    public XyPaths paths() {
        return paths;
    }

    /** Writes (or rewrites) {@code <name>.kdl} in the config directory. */
    public Path config(String name, String kdl) throws IOException {
        return Files.writeString(paths.configDir().resolve(name + ".kdl"), kdl);
    }

    /**
     * A server that runs {@code script} with {@code /bin/sh -c} on a port of its own, with no health check (it is
     * ready once it runs), and {@code extra} config lines.
     */
    public Path shellServer(String name, String script, String extra) throws IOException {
        return config(
                name,
                "command \"/bin/sh\"\nargs \"-c\" \"" + script + "\"\nport " + FreePorts.next() + "\n"
                        + "health {\n  mode \"none\"\n}\n" + extra);
    }

    /** Hosts the configs written so far, as {@code kind}; the daemon's own messages go to {@link #daemonLog}. */
    public Engine serve(Wire.Host kind) throws IOException {
        host = DaemonHost.acquire(paths, kind, daemonLog::add);
        engine = host.serve(ConfigLoader.loadDirectory(paths.configDir()));
        return engine;
    }

    public DaemonHost host() {
        return host;
    }

    public Engine engine() {
        return engine;
    }

    /** A new connection to the socket, closed with this. */
    public DaemonClient client() throws IOException {
        return closeWith(DaemonClient.connect(paths.socket()));
    }

    /** Closes {@code closeable} (a client, a subscription) when this closes, before the host. */
    public <T extends AutoCloseable> T closeWith(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    /** What the daemon said for its log. */
    public List<String> daemonLog() {
        return daemonLog;
    }

    @Override
    public void close() throws Exception {
        try {
            for (AutoCloseable closeable : toClose) {
                closeable.close();
            }
        } finally {
            if (host != null) {
                host.close();
            }
        }
    }
}
