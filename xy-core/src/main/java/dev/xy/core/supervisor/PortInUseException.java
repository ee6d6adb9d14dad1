package dev.xy.core.supervisor;

/** The server's port is held by another process; the message names the port and, where the OS tells, the holder. */
public final class PortInUseException extends SpawnException {
    public PortInUseException(String why) {
        super(why);
    }
}
