package dev.xy.core.ipc;

import java.io.IOException;
import java.nio.file.Path;

/** No daemon answers on the socket: it is not running, or the socket belongs to a daemon that died. */
public final class DaemonUnreachableException extends IOException {
    private final Path socket;

    public DaemonUnreachableException(Path socket, Throwable cause) {
        super("no xy daemon is running (nothing answers on " + socket + ")", cause);
        this.socket = socket;
    }

    public Path socket() {
        return socket;
    }
}
