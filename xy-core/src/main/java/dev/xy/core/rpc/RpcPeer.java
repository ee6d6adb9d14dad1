package dev.xy.core.rpc;

/** The client on the other end of a connection, as a method handler sees it. */
public interface RpcPeer {
    /**
     * Queues a notification for the client without waiting. A client that does not read what it asked for is
     * disconnected rather than buffered for without bound.
     */
    void sendNotification(String method, Object params);

    /**
     * As {@link #sendNotification}, for a stream that the request being answered has opened: the notification is
     * held back until that request's answer has been queued (queued at once when no request is being answered),
     * so that the client learns the stream's id before its first event.
     */
    void sendNotificationAfterReply(String method, Object params);

    /**
     * As {@link #sendNotification}, but waits, as an answer does, while the client's queue is full, instead of
     * disconnecting it: for what the reader thread sends in an {@link #afterReply} task (a log tail), so that a
     * client that reads gets a tail of any length, and one that does not is simply no longer read from.
     */
    void sendNotificationWaiting(String method, Object params);

    /** Runs {@code cleanup} once the connection is gone (such as ending the client's subscriptions). */
    void onClose(Runnable cleanup);

    /** Runs {@code task} once the reply to the current request has been queued, so it follows the reply. */
    void afterReply(Runnable task);

    /**
     * Marks the start of a stream of notifications (a log tail, a subscription). A client that has finished
     * sending is still served until its streams end; the returned action ends this one.
     */
    Runnable openStream();
}
