package dev.xy.core.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.api.LogListener;
import dev.xy.core.api.StateListener;
import dev.xy.core.api.Subscription;
import dev.xy.core.api.XyApi;
import dev.xy.core.logs.LogLine;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.Methods;
import dev.xy.core.rpc.Params;
import dev.xy.core.rpc.RpcDispatcher;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.RpcPeer;
import dev.xy.core.rpc.Wire;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection's view of the API: binds the protocol's methods to an {@link XyApi} and owns the
 * streams (followed logs, state subscriptions) this client opened. Another client can neither see nor cancel
 * them, and they all end when the connection does.
 */
public final class ApiSession {
    /** How many log lines {@code logs} sends when no {@code tail} is given. */
    public static final int DEFAULT_TAIL = 100;
    /** How many streams (followed or tailed logs, state subscriptions) one connection may have open at once. */
    public static final int MAX_STREAMS = 64;

    private final XyApi api;
    private final RpcPeer peer;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong nextSubscription = new AtomicLong();
    private final TailBudget tails;
    private final AtomicInteger openStreams = new AtomicInteger();
    /** Set once the connection has ended; guarded by {@link #subscriptions}. */
    private boolean closed;

    private ApiSession(XyApi api, RpcPeer peer, TailBudget tails) {
        this.api = api;
        this.peer = peer;
        this.tails = tails;
        peer.onClose(this::closeAll);
    }

    /** The dispatcher for one new connection; {@code tails} is the host's, shared by every connection. */
    static RpcDispatcher dispatcher(XyApi api, RpcPeer peer, TailBudget tails) {
        ApiSession session = new ApiSession(api, peer, tails);
        return new RpcDispatcher(Map.ofEntries(
                Map.entry(Methods.INFO, (params, p) -> session.none(Methods.INFO, params, api::info)),
                Map.entry(Methods.LIST, (params, p) -> session.none(Methods.LIST, params, api::list)),
                Map.entry(Methods.STATUS, (params, p) -> unchecked(() -> api.status(name(Methods.STATUS, params)))),
                Map.entry(Methods.START, (params, p) -> unchecked(() -> api.start(target(Methods.START, params)))),
                Map.entry(Methods.STOP, (params, p) -> unchecked(() -> api.stop(target(Methods.STOP, params)))),
                Map.entry(
                        Methods.RESTART, (params, p) -> unchecked(() -> api.restart(target(Methods.RESTART, params)))),
                Map.entry(
                        Methods.RELOAD,
                        (params, p) -> unchecked(
                                () -> api.reload(Params.bind(Methods.RELOAD, params, Wire.ReloadParams.class)))),
                Map.entry(Methods.LOGS, (params, p) -> session.logs(params)),
                Map.entry(Methods.LOGS_CANCEL, (params, p) -> session.cancel(Methods.LOGS_CANCEL, params)),
                Map.entry(Methods.SUBSCRIBE, (params, p) -> session.subscribe(params)),
                Map.entry(Methods.UNSUBSCRIBE, (params, p) -> session.cancel(Methods.UNSUBSCRIBE, params)),
                Map.entry(Methods.VERSION, (params, p) -> session.none(Methods.VERSION, params, api::version))));
    }

    private interface Call<T> {
        T run() throws RpcException, IOException;
    }

    /** Refuses params on a method that takes none, then answers. */
    private Object none(String method, JsonNode params, Call<?> call) throws RpcException {
        Params.bind(method, params, Wire.NoParams.class);
        return unchecked(call);
    }

    private static <T> T unchecked(Call<T> call) throws RpcException {
        try {
            return call.run();
        } catch (IOException e) {
            throw new IllegalStateException("the in-process API does no I/O of its own", e);
        }
    }

    private static String name(String method, JsonNode params) throws RpcException {
        String name = Params.bind(method, params, Wire.NameParams.class).name();
        if (name == null) {
            throw Params.missing(method, "name");
        }
        return name;
    }

    private static Wire.Target target(String method, JsonNode params) throws RpcException {
        return Params.bind(method, params, Wire.Target.class);
    }

    private Object logs(JsonNode params) throws RpcException {
        Wire.LogsParams request = Params.bind(Methods.LOGS, params, Wire.LogsParams.class);
        if (request.name() == null) {
            throw Params.missing(Methods.LOGS, "name");
        }
        int tail = request.tail() == null ? DEFAULT_TAIL : request.tail();
        if (tail < 0) {
            throw Params.invalid(Methods.LOGS, "`tail` must not be negative");
        }
        String id = "logs-" + nextSubscription.incrementAndGet();
        if (Boolean.TRUE.equals(request.follow())) {
            follow(id, request.name(), tail);
        } else {
            List<LogLine> lines = TailBudget.newest(unchecked(() -> api.tail(request.name(), tail)));
            long bytes = TailBudget.bytes(lines);
            Runnable endStream = openStream();
            try {
                tails.reserve(bytes);
            } catch (RpcException refused) {
                endStream.run();
                throw refused;
            }
            peer.afterReply(() -> {
                // On the reader thread, which may wait for the client to read: a tail of any length reaches a
                // client that reads, where a stream's notifications would have it disconnected.
                lines.forEach(line -> peer.sendNotificationWaiting(Methods.LOG, logEvent(id, line)));
                peer.sendNotification(Methods.LOG_END, new Wire.LogEnd(id, null));
                tails.release(bytes);
                endStream.run();
            });
        }
        return new Wire.SubscriptionResult(id, null);
    }

    private void follow(String id, String name, int tail) throws RpcException {
        Runnable endStream = openStream();
        AfterReply gate = new AfterReply(peer);
        LogListener forward = new LogListener() {
            @Override
            public void line(LogLine line) {
                gate.send(Methods.LOG, logEvent(id, line));
            }

            @Override
            public void ended(String reason, IOException failure) {
                subscriptions.remove(id);
                gate.send(Methods.LOG_END, new Wire.LogEnd(id, reason));
                endStream.run();
            }
        };
        try {
            keep(id, unchecked(() -> api.follow(name, tail, forward)));
        } catch (RpcException | RuntimeException e) {
            endStream.run();
            throw e;
        }
    }

    private Object subscribe(JsonNode params) throws RpcException {
        Params.bind(Methods.SUBSCRIBE, params, Wire.NoParams.class);
        String id = "state-" + nextSubscription.incrementAndGet();
        Runnable endStream = openStream();
        AfterReply gate = new AfterReply(peer);
        List<List<Wire.ServerSummary>> snapshot = new java.util.ArrayList<>(1);
        StateListener forward = new StateListener() {
            @Override
            public void snapshot(List<Wire.ServerSummary> servers) {
                snapshot.add(servers);
            }

            @Override
            public void event(Wire.StateEvent event) {
                gate.send(Methods.STATE, event.withSubscription(id));
            }
        };
        Subscription subscription;
        try {
            subscription = unchecked(() -> api.subscribe(forward));
        } catch (RpcException | RuntimeException e) {
            endStream.run();
            throw e;
        }
        keep(id, () -> {
            subscription.close();
            endStream.run();
        });
        return new Wire.SubscriptionResult(id, snapshot.isEmpty() ? List.of() : snapshot.get(0));
    }

    /**
     * Opens a stream on the connection, unless it has {@link #MAX_STREAMS} open already: each costs a forwarder
     * thread or a tail of log lines held until sent, and one line of a batch could otherwise ask for thousands.
     * The returned action ends it (more than once is harmless).
     */
    private Runnable openStream() throws RpcException {
        if (openStreams.incrementAndGet() > MAX_STREAMS) {
            openStreams.decrementAndGet();
            throw new RpcException(
                    ErrorCodes.TOO_MANY_STREAMS,
                    "this connection has " + MAX_STREAMS + " streams open already; end one (logs_cancel,"
                            + " unsubscribe) or use another connection");
        }
        Runnable endOnPeer = peer.openStream();
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (ended.compareAndSet(false, true)) {
                openStreams.decrementAndGet();
                endOnPeer.run();
            }
        };
    }

    private Object cancel(String method, JsonNode params) throws RpcException {
        String id = Params.bind(method, params, Wire.SubscriptionParams.class).subscriptionId();
        if (id == null) {
            throw Params.missing(method, "subscription_id");
        }
        Subscription subscription = subscriptions.remove(id);
        if (subscription == null) {
            throw Params.invalid(method, "no subscription " + id + " on this connection");
        }
        subscription.close();
        return new Wire.CancelResult(id);
    }

    /**
     * Keeps a stream until it is cancelled or the connection ends. The connection may have ended already while
     * this request was being answered (a batch goes on after its client hangs up): then the stream ends at once,
     * or nothing would ever end it.
     */
    private void keep(String id, Subscription subscription) {
        synchronized (subscriptions) {
            if (!closed) {
                subscriptions.put(id, subscription);
                return;
            }
        }
        subscription.close();
    }

    private void closeAll() {
        List<Subscription> all;
        synchronized (subscriptions) {
            closed = true;
            all = List.copyOf(subscriptions.values());
            subscriptions.clear();
        }
        all.forEach(Subscription::close);
    }

    private static Wire.LogEvent logEvent(String id, LogLine line) {
        return new Wire.LogEvent(id, line.server(), line.stream(), line.text(), line.tsUnixMs());
    }
}
