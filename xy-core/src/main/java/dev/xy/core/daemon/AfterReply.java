package dev.xy.core.daemon;

import dev.xy.core.rpc.RpcPeer;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds a stream's notifications back until the reply that opened the stream has been queued: a client must
 * learn the subscription id before the first event that carries it. After that, notifications pass straight on,
 * in order.
 */
final class AfterReply {
    private final RpcPeer peer;
    private List<Runnable> held = new ArrayList<>();

    AfterReply(RpcPeer peer) {
        this.peer = peer;
        peer.afterReply(this::open);
    }

    void send(String method, Object params) {
        then(() -> peer.sendNotification(method, params));
    }

    /** Runs {@code action} in order with the notifications: now if the reply is out, else after it. */
    synchronized void then(Runnable action) {
        if (held == null) {
            action.run();
        } else {
            held.add(action);
        }
    }

    private synchronized void open() {
        List<Runnable> pending = held;
        held = null;
        pending.forEach(Runnable::run);
    }
}
