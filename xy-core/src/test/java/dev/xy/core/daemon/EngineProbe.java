package dev.xy.core.daemon;

/** Lets tests outside this package see what an engine holds for its clients. */
public final class EngineProbe {
    private EngineProbe() {}

    /** The state subscriptions open on {@code engine}, over every connection. */
    public static int stateSubscribers(Engine engine) {
        return engine.stateSubscribers();
    }
}
