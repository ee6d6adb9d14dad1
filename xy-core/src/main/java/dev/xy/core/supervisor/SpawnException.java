package dev.xy.core.supervisor;

/** A server process could not be started at all: missing command, not executable, missing directory. */
public class SpawnException extends Exception {
    public SpawnException(String message) {
        super(message);
    }
}
