package dev.xy.core.client;

import dev.xy.core.api.LogListener;
import dev.xy.core.api.StateListener;
import dev.xy.core.api.Subscription;
import dev.xy.core.api.XyApi;
import dev.xy.core.ipc.DaemonUnreachableException;
import dev.xy.core.logs.LogLine;
import dev.xy.core.logs.LogStream;
import dev.xy.core.rpc.Methods;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.Wire;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link XyApi} over the daemon's socket: what the CLI uses, and the desktop app when it attaches to a running
 * daemon. One connection carries concurrent calls and every stream; listeners run on the connection's reader
 * thread, in the order the daemon sent, and must not block for long.
 *
 * <p>Answers are decoded leniently: a newer daemon may add fields and states without breaking this client.
 */
public final class DaemonClient implements XyApi, AutoCloseable {
    /** Where a stream's notifications go, by subscription id. */
    private interface Route {
        void notification(String method, Envelope message);

        void lost(IOException failure);
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final RpcConnection connection;

    private DaemonClient(Path socket) throws DaemonUnreachableException {
        this.connection = RpcConnection.open(socket, this::route, this::lost);
    }

    /** Connects; {@link DaemonUnreachableException} when no daemon answers on {@code socket}. */
    public static DaemonClient connect(Path socket) throws DaemonUnreachableException {
        return new DaemonClient(socket);
    }

    @Override
    public Wire.DaemonInfo info() throws RpcException, IOException {
        return connection.call(Methods.INFO, null).result(Wire.DaemonInfo.class);
    }

    @Override
    public List<Wire.ServerSummary> list() throws RpcException, IOException {
        return connection.call(Methods.LIST, null).resultList(Wire.ServerSummary.class);
    }

    @Override
    public Wire.ServerDetail status(String name) throws RpcException, IOException {
        return connection.call(Methods.STATUS, new Wire.NameParams(name)).result(Wire.ServerDetail.class);
    }

    @Override
    public Wire.StartResult start(Wire.Target target) throws RpcException, IOException {
        return connection.call(Methods.START, target).result(Wire.StartResult.class);
    }

    @Override
    public Wire.StopResult stop(Wire.Target target) throws RpcException, IOException {
        return connection.call(Methods.STOP, target).result(Wire.StopResult.class);
    }

    @Override
    public Wire.RestartResult restart(Wire.Target target) throws RpcException, IOException {
        return connection.call(Methods.RESTART, target).result(Wire.RestartResult.class);
    }

    @Override
    public Wire.ReloadResult reload(Wire.ReloadParams params) throws RpcException, IOException {
        return connection
                .call(Methods.RELOAD, params.waitReady() == null ? null : params)
                .result(Wire.ReloadResult.class);
    }

    @Override
    public Wire.VersionResult version() throws RpcException, IOException {
        return connection.call(Methods.VERSION, null).result(Wire.VersionResult.class);
    }

    /** The tail, gathered from the {@code logs} stream the daemon sends for it. */
    @Override
    public List<LogLine> tail(String name, int count) throws RpcException, IOException {
        List<LogLine> lines = new java.util.ArrayList<>();
        CompletableFuture<Void> end = new CompletableFuture<>();
        openLogStream(new Wire.LogsParams(name, count, null), new LogListener() {
            @Override
            public void line(LogLine line) {
                lines.add(line);
            }

            @Override
            public void ended(String reason, IOException failure) {
                if (failure == null) {
                    end.complete(null);
                } else {
                    end.completeExceptionally(failure);
                }
            }
        });
        RpcConnection.await(end.thenApply(done -> (Envelope) null));
        return lines;
    }

    @Override
    public Subscription follow(String name, int tail, LogListener listener) throws RpcException, IOException {
        String id = openLogStream(new Wire.LogsParams(name, tail, true), listener);
        return () -> cancel(Methods.LOGS_CANCEL, id);
    }

    @Override
    public Subscription subscribe(StateListener listener) throws RpcException, IOException {
        Envelope result = RpcConnection.await(connection.send(Methods.SUBSCRIBE, null, reply -> {
            Wire.SubscriptionResult opened = reply.result(Wire.SubscriptionResult.class);
            listener.snapshot(opened.servers() == null ? List.of() : opened.servers());
            routes.put(opened.subscriptionId(), new Route() {
                @Override
                public void notification(String method, Envelope message) {
                    if (method.equals(Methods.STATE)) {
                        listener.event(message.params(Wire.StateEvent.class));
                    }
                }

                @Override
                public void lost(IOException failure) {
                    listener.lost(failure);
                }
            });
        }));
        String id = result.result(Wire.SubscriptionResult.class).subscriptionId();
        return () -> cancel(Methods.UNSUBSCRIBE, id);
    }

    private String openLogStream(Wire.LogsParams params, LogListener listener) throws RpcException, IOException {
        Envelope result = RpcConnection.await(connection.send(Methods.LOGS, params, reply -> {
            String id = reply.result(Wire.SubscriptionResult.class).subscriptionId();
            routes.put(id, new Route() {
                @Override
                public void notification(String method, Envelope message) {
                    if (method.equals(Methods.LOG)) {
                        listener.line(logLine(message.params(Wire.LogEvent.class)));
                    } else if (method.equals(Methods.LOG_END)) {
                        routes.remove(id);
                        listener.ended(message.params(Wire.LogEnd.class).reason(), null);
                    }
                }

                @Override
                public void lost(IOException failure) {
                    listener.ended(null, failure);
                }
            });
        }));
        return result.result(Wire.SubscriptionResult.class).subscriptionId();
    }

    /** Asks the daemon to end a stream without waiting for its answer: safe to call from a UI thread. */
    private void cancel(String method, String id) {
        if (!routes.containsKey(id)) {
            return;
        }
        try {
            connection.send(method, new Wire.SubscriptionParams(id), reply -> {});
        } catch (IOException e) {
            // The connection is gone, and the stream with it.
        }
        if (method.equals(Methods.UNSUBSCRIBE)) {
            routes.remove(id);
        }
    }

    private void route(Envelope message) {
        Route route = routes.get(message.subscriptionId());
        if (route != null) {
            route.notification(message.method(), message);
        }
    }

    private void lost(IOException failure) {
        List.copyOf(routes.values()).forEach(route -> route.lost(failure));
        routes.clear();
    }

    private static LogLine logLine(Wire.LogEvent event) {
        LogStream stream = event.stream() == null ? LogStream.XY : event.stream();
        return new LogLine(event.name(), stream, event.line() == null ? "" : event.line(), event.tsUnixMs());
    }

    @Override
    public void close() {
        connection.close();
    }
}
