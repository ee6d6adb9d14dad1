package dev.xy.core.ipc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * No daemon answers on the socket: it is not running, the socket belongs to a daemon that died, or a daemon that
 * holds the lock is still starting or already shutting down ({@link #lockHolder()}).
 */
public final class DaemonUnreachableException extends IOException {
    private final Path socket;
    private final Long lockHolder;

    public DaemonUnreachableException(Path socket, Throwable cause) {
        super("no xy daemon is running (nothing answers on " + socket + ")", cause);
        this.socket = socket;
        this.lockHolder = null;
    }

    private DaemonUnreachableException(Path socket, long lockHolder, Throwable cause) {
        super(
                "the xy daemon (pid " + lockHolder + ") does not answer on " + socket
                        + ": it is starting or shutting down",
                cause);
        this.socket = socket;
        this.lockHolder = lockHolder;
    }

    /** The same failure, for when a live daemon with this pid holds the lock: it is on its way up or down. */
    public DaemonUnreachableException heldBy(long pid) {
        return new DaemonUnreachableException(socket, pid, getCause());
    }

    public Path socket() {
        return socket;
    }

    /** The pid of a daemon that holds the lock but does not answer, if that is what happened. */
    public Optional<Long> lockHolder() {
        return Optional.ofNullable(lockHolder);
    }
}
