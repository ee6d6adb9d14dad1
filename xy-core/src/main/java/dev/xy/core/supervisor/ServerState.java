package dev.xy.core.supervisor;

/** The life cycle of a supervised server. The lowercase wire names are part of the public protocol. */
public enum ServerState {
    STOPPED,
    STARTING,
    RUNNING,
    RESTARTING,
    FAILED,
    STOPPING;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True while a process exists or is about to (a backoff wait counts: a restart is pending). */
    public boolean isActive() {
        return this == STARTING || this == RUNNING || this == RESTARTING || this == STOPPING;
    }
}
