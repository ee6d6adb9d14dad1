package dev.xy.gui;

import dev.xy.core.api.LogListener;
import dev.xy.core.api.StateListener;
import dev.xy.core.api.Subscription;
import dev.xy.core.api.XyApi;
import dev.xy.core.logs.LogLine;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import dev.xy.core.supervisor.ServerState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link XyApi} for view-model tests: answers from a list of summaries, records what was asked, refuses what
 * it is told to, and lets a test push state events, log lines and a lost connection.
 */
public final class FakeXyApi implements XyApi {
    /** A stream a view-model opened; {@code closed} once it cancelled it. */
    public static final class FakeSubscription implements Subscription {
        public volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    public final List<String> asked = new CopyOnWriteArrayList<>();
    public final Map<String, RpcException> refusals = new LinkedHashMap<>();
    public final List<StateListener> subscribers = new CopyOnWriteArrayList<>();
    public final Map<String, LogListener> followers = new LinkedHashMap<>();
    public final Map<String, FakeSubscription> logSubscriptions = new LinkedHashMap<>();
    public final List<FakeSubscription> stateSubscriptions = new ArrayList<>();
    public final Map<String, List<LogLine>> tails = new LinkedHashMap<>();
    public Wire.ReloadResult reloadResult =
            new Wire.ReloadResult(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    private final List<Wire.ServerSummary> servers = new ArrayList<>();
    private final Wire.DaemonInfo info;

    public FakeXyApi(Wire.Host host, long pid, Wire.ServerSummary... summaries) {
        this.info = new Wire.DaemonInfo("test", 1, pid, host, "/tmp/xy-test/servers", "/tmp/xy-test/logs", 0);
        servers.addAll(List.of(summaries));
    }

    public static Wire.ServerSummary summary(String name, ServerState state) {
        boolean up = state == ServerState.RUNNING;
        return new Wire.ServerSummary(
                name,
                state,
                null,
                up ? 100L : null,
                3000 + name.length(),
                "http://localhost:" + (3000 + name.length()) + "/mcp",
                up ? 10L : null,
                0,
                null,
                up ? "pid 100" : "stopped by request",
                null);
    }

    public static Wire.StateEvent transition(String name, ServerState from, ServerState to, String reason) {
        Wire.ServerSummary after = new Wire.ServerSummary(
                name,
                to,
                null,
                null,
                3000 + name.length(),
                "http://localhost:" + (3000 + name.length()) + "/mcp",
                null,
                0,
                null,
                reason,
                null);
        return new Wire.StateEvent(null, Wire.EventKind.TRANSITION, name, from, to, 0, reason, after);
    }

    public void emit(Wire.StateEvent event) {
        subscribers.forEach(s -> s.event(event));
    }

    public void loseConnection() {
        subscribers.forEach(s -> s.lost(new IOException("connection reset")));
    }

    private void ask(String what) throws RpcException {
        asked.add(what);
        RpcException refusal = refusals.get(what);
        if (refusal != null) {
            throw refusal;
        }
    }

    @Override
    public Wire.DaemonInfo info() {
        return info;
    }

    @Override
    public List<Wire.ServerSummary> list() {
        return List.copyOf(servers);
    }

    @Override
    public Wire.ServerDetail status(String name) throws RpcException {
        ask("status " + name);
        Wire.ServerSummary s = servers.stream()
                .filter(x -> x.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new RpcException(ErrorCodes.SERVER_NOT_FOUND, "no server named " + name));
        return Wire.ServerDetail.of(
                s, List.of(), "/tmp/xy-test/servers/" + name + ".kdl", "/tmp/xy-test/logs/" + name + ".log", List.of());
    }

    @Override
    public Wire.StartResult start(Wire.Target target) throws RpcException {
        ask("start " + describe(target));
        return new Wire.StartResult(target.name() == null ? List.of() : List.of(target.name()), List.of());
    }

    @Override
    public Wire.StopResult stop(Wire.Target target) throws RpcException {
        ask("stop " + describe(target));
        return new Wire.StopResult(target.name() == null ? List.of() : List.of(target.name()), List.of());
    }

    @Override
    public Wire.RestartResult restart(Wire.Target target) throws RpcException {
        ask("restart " + describe(target));
        return new Wire.RestartResult(target.name() == null ? List.of() : List.of(target.name()));
    }

    private static String describe(Wire.Target target) {
        return Boolean.TRUE.equals(target.all()) ? "--all" : target.name();
    }

    @Override
    public Wire.ReloadResult reload(Wire.ReloadParams params) throws RpcException {
        ask("reload");
        return reloadResult;
    }

    @Override
    public List<LogLine> tail(String name, int count) {
        return tails.getOrDefault(name, List.of());
    }

    @Override
    public synchronized Subscription follow(String name, int tail, LogListener listener) throws RpcException {
        ask("follow " + name + " tail " + tail);
        followers.put(name, listener);
        tails.getOrDefault(name, List.of()).forEach(listener::line);
        FakeSubscription subscription = new FakeSubscription();
        logSubscriptions.put(name, subscription);
        return subscription;
    }

    @Override
    public Subscription subscribe(StateListener listener) throws RpcException {
        ask("subscribe");
        listener.snapshot(List.copyOf(servers));
        subscribers.add(listener);
        FakeSubscription subscription = new FakeSubscription();
        stateSubscriptions.add(subscription);
        return subscription;
    }

    @Override
    public Wire.VersionResult version() {
        return new Wire.VersionResult("test", 1);
    }
}
