package dev.xy.core.supervisor;

/** The server's port already accepts connections: another process holds it. */
public final class PortInUseException extends SpawnException {
    public PortInUseException(int port) {
        super("port " + port + " is already in use by another process (it accepts connections on localhost)");
    }
}
