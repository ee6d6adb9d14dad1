package dev.xy.core.api;

import dev.xy.core.logs.LogLine;
import java.io.IOException;

/** Receives a followed log. Called on one thread at a time, in order; must not block for long. */
public interface LogListener {
    void line(LogLine line);

    /**
     * The stream is over. {@code reason} says why when the log itself ended (the server was removed from the
     * configs, xy is shutting down); it is null when the stream was cancelled, or a tail was all sent. {@code
     * failure} is set instead when the connection to the daemon was lost.
     */
    default void ended(String reason, IOException failure) {}
}
