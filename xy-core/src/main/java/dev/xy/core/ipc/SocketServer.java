package dev.xy.core.ipc;

import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcDispatcher;
import dev.xy.core.rpc.RpcPeer;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The daemon's private Unix socket. The socket file is 0600 inside a 0700 directory, and every connection's
 * peer credentials are checked: a process of another user is refused even if the file modes were loosened.
 * Each connection gets its own reader and writer; none can stall another or the daemon.
 */
public final class SocketServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SocketServer.class.getName());
    /** A request line larger than this is refused and its connection closed. */
    public static final int MAX_LINE_BYTES = 1024 * 1024;
    /** Each connection costs two threads: beyond this many, a new client is told so and refused. */
    public static final int MAX_CONNECTIONS = 512;
    /** What may wait unsent for one client before it is considered not to be reading. */
    public static final long MAX_OUTBOX_BYTES = 8L * 1024 * 1024;

    /** What all clients' queued notifications may hold together (see {@link NotificationBudget}). */
    public static final long MAX_NOTIFICATION_BYTES = 32L * 1024 * 1024;

    private final Path path;
    private final AFUNIXServerSocket server;
    private final Function<RpcPeer, RpcDispatcher> sessions;
    private final long ownUid;
    private int maxConnections = MAX_CONNECTIONS;
    private final NotificationBudget notifications = new NotificationBudget(MAX_NOTIFICATION_BYTES);
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionCount = new AtomicLong();
    private volatile boolean closing;

    private SocketServer(Path path, AFUNIXServerSocket server, Function<RpcPeer, RpcDispatcher> sessions, long ownUid) {
        this.path = path;
        this.server = server;
        this.sessions = sessions;
        this.ownUid = ownUid;
    }

    /**
     * Binds the socket at {@code path}, replacing a stale socket file (the caller holds the daemon lock, so no
     * live daemon owns it), and starts accepting. Each connection gets its own dispatcher from {@code sessions},
     * so that what a client opens (its streams) belongs to its connection alone.
     */
    public static SocketServer start(Path path, Function<RpcPeer, RpcDispatcher> sessions) throws IOException {
        return start(path, sessions, null);
    }

    /** As {@link #start(Path, Function)}, admitting {@code allowedUid} instead of the owner (for tests). */
    static SocketServer start(Path path, Function<RpcPeer, RpcDispatcher> sessions, Long allowedUid)
            throws IOException {
        checkLength(path);
        Path dir = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.deleteIfExists(path);
        AFUNIXServerSocket server = AFUNIXServerSocket.newInstance();
        server.bind(AFUNIXSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        long ownUid = ((Number) Files.getAttribute(path, "unix:uid")).longValue();
        SocketServer socketServer = new SocketServer(path, server, sessions, allowedUid == null ? ownUid : allowedUid);
        Thread acceptor = new Thread(socketServer::acceptLoop, "xy-socket-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return socketServer;
    }

    /** Unix socket paths are limited by the OS (104 bytes on macOS, 108 on Linux, including the final NUL). */
    public static void checkLength(Path path) throws IOException {
        int limit = System.getProperty("os.name").toLowerCase().contains("mac") ? 103 : 107;
        int length = path.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > limit) {
            throw new IOException("the socket path " + path.toAbsolutePath() + " is " + length
                    + " bytes long, more than the " + limit + " this OS allows for a Unix socket;"
                    + " set XDG_RUNTIME_DIR (or XDG_STATE_HOME) to a shorter directory");
        }
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closing) {
            AFUNIXSocket socket;
            try {
                socket = server.accept();
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "accept failed: " + e);
                continue;
            }
            try {
                admit(socket);
            } catch (RuntimeException | OutOfMemoryError e) {
                // No thread could be made for it (the OS limit), or a bug: this client goes, the daemon stays.
                LOG.log(System.Logger.Level.ERROR, "could not serve a connection: " + e);
                closeQuietly(socket);
            }
        }
    }

    private void admit(AFUNIXSocket socket) {
        try {
            long peerUid = socket.getPeerCredentials().getUid();
            if (peerUid != ownUid) {
                LOG.log(System.Logger.Level.WARNING, "refused a connection from uid " + peerUid);
                socket.close();
                return;
            }
        } catch (IOException e) {
            closeQuietly(socket);
            return;
        }
        if (connections.size() >= maxConnections) {
            refuse(socket, "too many connections: xy serves at most " + maxConnections + " at once");
            return;
        }
        Connection[] holder = new Connection[1];
        Connection connection = new Connection(
                socket, sessions, MAX_LINE_BYTES, MAX_OUTBOX_BYTES, notifications, () -> connections.remove(holder[0]));
        holder[0] = connection;
        connections.add(connection);
        connection.start("xy-connection-" + connectionCount.incrementAndGet());
    }

    /** How many clients are connected now. */
    int connectionCount() {
        return connections.size();
    }

    /** For tests: a lower cap than {@link #MAX_CONNECTIONS}. */
    void limitConnections(int max) {
        maxConnections = max;
    }

    /** Tells the client why in one JSON-RPC error line, then hangs up; never waits on a client that won't read. */
    private static void refuse(AFUNIXSocket socket, String why) {
        LOG.log(System.Logger.Level.WARNING, "refused a connection: " + why);
        try {
            socket.setSoTimeout(1000);
            String line = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + ErrorCodes.TOO_MANY_CONNECTIONS
                    + ",\"message\":\"" + why + "\"}}\n";
            socket.getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // It went away first: nothing more to say.
        } finally {
            closeQuietly(socket);
        }
    }

    /** Takes no more connections and removes the socket file; connections already open go on. */
    public void stopAccepting() {
        closing = true;
        closeQuietly(server);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the socket " + path + ": " + e);
        }
    }

    /** Stops accepting, gives each client up to {@code drain} to receive what is queued for it, and closes. */
    public void close(Duration drain) {
        stopAccepting();
        long deadline = System.nanoTime() + drain.toNanos();
        connections.forEach(connection -> connection.drainThenClose(deadline));
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Nothing left to do with it.
        }
    }
}
