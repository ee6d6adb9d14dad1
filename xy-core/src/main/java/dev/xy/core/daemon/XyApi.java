package dev.xy.core.daemon;

import dev.xy.core.logs.LogFollower;
import dev.xy.core.logs.LogLine;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.Transition;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything a front end may ask of xy: the socket protocol and the tray app both go through this. Errors are
 * {@link RpcException}s with the protocol's codes, so every front end reports them alike.
 */
public interface XyApi {
    List<Wire.ServerSummary> list();

    Wire.ServerDetail status(String name) throws RpcException;

    Wire.StartResult start(Wire.Target target) throws RpcException;

    Wire.StopResult stop(Wire.Target target) throws RpcException;

    Wire.RestartResult restart(Wire.Target target) throws RpcException;

    /** Re-reads the config directory and applies the difference; nothing changes when any config is invalid. */
    Wire.ReloadResult reload() throws RpcException;

    /** The last {@code count} lines of a server's log, oldest first. */
    List<LogLine> tail(String name, int count) throws RpcException;

    /** The last {@code tail} lines and then every new line, until the follower is closed. */
    LogFollower follow(String name, int tail) throws RpcException;

    /** Calls {@code listener} on every state transition of every server; close the result to stop. */
    AutoCloseable subscribe(Consumer<Transition> listener);

    Wire.VersionResult version();
}
