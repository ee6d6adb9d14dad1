package dev.xy.core.api;

import dev.xy.core.logs.LogLine;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import java.io.IOException;
import java.util.List;

/**
 * Everything a front end may ask of xy. The engine implements it in-process; {@code DaemonClient} implements it
 * over the daemon's socket. The CLI and the desktop app know only this interface, so "host the engine" and
 * "attach to a daemon" are the same code.
 *
 * <p>Refusals are {@link RpcException}s with the protocol's codes and typed {@code data}, alike on both sides.
 * An {@link IOException} means the daemon could not be reached or went away; the in-process engine never
 * throws one.
 */
public interface XyApi {
    /** Who serves this API: version, process, host kind, config and log directories. */
    Wire.DaemonInfo info() throws RpcException, IOException;

    /** Every server, sorted by name. */
    List<Wire.ServerSummary> list() throws RpcException, IOException;

    Wire.ServerDetail status(String name) throws RpcException, IOException;

    Wire.StartResult start(Wire.Target target) throws RpcException, IOException;

    Wire.StopResult stop(Wire.Target target) throws RpcException, IOException;

    Wire.RestartResult restart(Wire.Target target) throws RpcException, IOException;

    /**
     * Re-reads the config directory and applies the difference; nothing changes when any config is invalid.
     * Waits, unless told not to, until what it started or restarted is ready or has failed.
     */
    Wire.ReloadResult reload(Wire.ReloadParams params) throws RpcException, IOException;

    /** {@link #reload(Wire.ReloadParams)}, waiting. */
    default Wire.ReloadResult reload() throws RpcException, IOException {
        return reload(new Wire.ReloadParams(null));
    }

    /** The last {@code count} lines of a server's log, oldest first. */
    List<LogLine> tail(String name, int count) throws RpcException, IOException;

    /**
     * Passes the last {@code tail} lines of a server's log and then every new line to {@code listener}, on a
     * thread of the implementation's, until the subscription is closed or the stream ends.
     */
    Subscription follow(String name, int tail, LogListener listener) throws RpcException, IOException;

    /**
     * Passes the current summaries of every server, then every change, to {@code listener}: first {@link
     * StateListener#snapshot} (before this method returns), then {@link StateListener#event}s, with no change
     * lost in between. An event may repeat what the snapshot already shows; applying it again is harmless.
     */
    Subscription subscribe(StateListener listener) throws RpcException, IOException;

    Wire.VersionResult version() throws RpcException, IOException;
}
