package dev.xy.core.api;

/** A stream of notifications a front end asked for; closing it ends the stream (idempotent). */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
