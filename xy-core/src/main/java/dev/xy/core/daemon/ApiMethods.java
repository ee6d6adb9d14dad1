package dev.xy.core.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xy.core.logs.LogFollower;
import dev.xy.core.logs.LogLine;
import dev.xy.core.rpc.ErrorCodes;
import dev.xy.core.rpc.Methods;
import dev.xy.core.rpc.RpcDispatcher;
import dev.xy.core.rpc.RpcException;
import dev.xy.core.rpc.RpcPeer;
import dev.xy.core.rpc.Wire;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Binds the protocol's methods to an {@link XyApi}, including the log and state streams. */
public final class ApiMethods {
    /** How many log lines {@code logs} sends when no {@code tail} is given. */
    public static final int DEFAULT_TAIL = 100;

    private final XyApi api;
    private final Map<String, Runnable> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong nextSubscription = new AtomicLong();

    private ApiMethods(XyApi api) {
        this.api = api;
    }

    public static RpcDispatcher dispatcher(XyApi api) {
        ApiMethods methods = new ApiMethods(api);
        return new RpcDispatcher(Map.ofEntries(
                Map.entry(Methods.LIST, (params, peer) -> noParams(params, api.list())),
                Map.entry(Methods.STATUS, (params, peer) -> api.status(name(params))),
                Map.entry(Methods.START, (params, peer) -> api.start(target(params))),
                Map.entry(Methods.STOP, (params, peer) -> api.stop(target(params))),
                Map.entry(Methods.RESTART, (params, peer) -> api.restart(target(params))),
                Map.entry(Methods.RELOAD, (params, peer) -> {
                    RpcDispatcher.params(params, Wire.NoParams.class);
                    return api.reload();
                }),
                Map.entry(Methods.LOGS, methods::logs),
                Map.entry(Methods.LOGS_CANCEL, methods::cancel),
                Map.entry(Methods.SUBSCRIBE, methods::subscribe),
                Map.entry(Methods.UNSUBSCRIBE, methods::cancel),
                Map.entry(Methods.VERSION, (params, peer) -> noParams(params, api.version()))));
    }

    /** Refuses params on a method that takes none, then answers with {@code result}. */
    private static Object noParams(JsonNode params, Object result) throws RpcException {
        RpcDispatcher.params(params, Wire.NoParams.class);
        return result;
    }

    private static String name(JsonNode params) throws RpcException {
        String name = RpcDispatcher.params(params, Wire.NameParams.class).name();
        if (name == null) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "invalid params: name is required");
        }
        return name;
    }

    private static Wire.Target target(JsonNode params) throws RpcException {
        return RpcDispatcher.params(params, Wire.Target.class);
    }

    private Object logs(JsonNode params, RpcPeer peer) throws RpcException {
        Wire.LogsParams request = RpcDispatcher.params(params, Wire.LogsParams.class);
        if (request.name() == null) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "invalid params: name is required");
        }
        int tail = request.tail() == null ? DEFAULT_TAIL : request.tail();
        if (tail < 0) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "invalid params: tail must not be negative");
        }
        String id = "logs-" + nextSubscription.incrementAndGet();
        if (Boolean.TRUE.equals(request.follow())) {
            LogFollower follower = api.follow(request.name(), tail);
            Runnable endStream = peer.openStream();
            Runnable cancel = () -> {
                follower.close();
                subscriptions.remove(id);
            };
            subscriptions.put(id, cancel);
            peer.onClose(cancel);
            peer.afterReply(() -> startForwarding(follower, id, peer, endStream));
        } else {
            var lines = api.tail(request.name(), tail);
            Runnable endStream = peer.openStream();
            peer.afterReply(() -> {
                lines.forEach(line -> peer.sendNotification(Methods.LOG, logEvent(id, line)));
                peer.sendNotification(Methods.LOG_END, new Wire.LogEnd(id));
                endStream.run();
            });
        }
        return new Wire.SubscriptionResult(id);
    }

    /** One thread per followed log: it waits on the follower and passes lines on as notifications. */
    private void startForwarding(LogFollower follower, String id, RpcPeer peer, Runnable endStream) {
        Thread forwarder = new Thread(
                () -> {
                    try {
                        while (!follower.isClosed()) {
                            Optional<LogLine> line = follower.poll(Duration.ofSeconds(1));
                            line.ifPresent(l -> peer.sendNotification(Methods.LOG, logEvent(id, l)));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        peer.sendNotification(Methods.LOG_END, new Wire.LogEnd(id));
                        endStream.run();
                    }
                },
                "xy-" + id);
        forwarder.setDaemon(true);
        forwarder.start();
    }

    private Object subscribe(JsonNode params, RpcPeer peer) throws RpcException {
        RpcDispatcher.params(params, Wire.NoParams.class);
        String id = "state-" + nextSubscription.incrementAndGet();
        Runnable endStream = peer.openStream();
        AutoCloseable listener = api.subscribe(t -> peer.sendNotification(Methods.STATE, WireViews.stateEvent(t)));
        Runnable cancel = () -> {
            closeQuietly(listener);
            subscriptions.remove(id);
            endStream.run();
        };
        subscriptions.put(id, cancel);
        peer.onClose(cancel);
        return new Wire.SubscriptionResult(id);
    }

    private Object cancel(JsonNode params, RpcPeer peer) throws RpcException {
        String id = RpcDispatcher.params(params, Wire.SubscriptionParams.class).subscriptionId();
        Runnable cancel = id == null ? null : subscriptions.get(id);
        if (cancel == null) {
            throw new RpcException(ErrorCodes.INVALID_PARAMS, "invalid params: no subscription " + id);
        }
        cancel.run();
        return Map.of("cancelled", id);
    }

    private static Wire.LogEvent logEvent(String id, LogLine line) {
        return new Wire.LogEvent(id, line.server(), line.stream().wireName(), line.text(), line.tsUnixMs());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // A listener removal cannot meaningfully fail.
        }
    }
}
