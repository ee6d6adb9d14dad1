package dev.xy.core.api;

import dev.xy.core.rpc.Wire;
import java.io.IOException;
import java.util.List;

/** Receives the servers' state: a snapshot first, then each change. Called on one thread at a time, in order. */
public interface StateListener {
    void snapshot(List<Wire.ServerSummary> servers);

    void event(Wire.StateEvent event);

    /** The connection to the daemon was lost: no more events will come. */
    default void lost(IOException failure) {}
}
