package dev.xy.core.api;

import dev.xy.core.logs.LogLine;
import java.io.IOException;

/** Receives a followed log. Called on one thread at a time, in order; must not block for long. */
public interface LogListener {
    void line(LogLine line);

    /**
     * The stream is over: because it was closed or the server was removed ({@code failure} null), or because
     * the connection to the daemon was lost.
     */
    default void ended(IOException failure) {}
}
