package dev.xy.core.daemon;

import dev.xy.core.rpc.RpcPeer;

/**
 * Holds a stream's notifications back until the reply that opened the stream has been queued: a client must
 * learn the subscription id before the first event that carries it. After that, notifications pass straight on,
 * in order. What is held back waits in the connection's bounded outbox, never here: a stream opened early in a
 * long batch cannot pile up lines in memory while the rest of the batch is answered.
 */
final class AfterReply {
    private final RpcPeer peer;
    private volatile boolean replied;

    AfterReply(RpcPeer peer) {
        this.peer = peer;
        peer.afterReply(() -> replied = true);
    }

    void send(String method, Object params) {
        if (replied) {
            peer.sendNotification(method, params);
        } else {
            peer.sendNotificationAfterReply(method, params);
        }
    }
}
