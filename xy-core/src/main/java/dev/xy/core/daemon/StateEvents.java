package dev.xy.core.daemon;

import dev.xy.core.api.StateListener;
import dev.xy.core.api.Subscription;
import dev.xy.core.rpc.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hands every state event to every subscriber. Subscribing takes the snapshot and registers under the same lock
 * as publishing, so a subscriber never misses an event between the two: a view that applies the snapshot and
 * then the events is always current. Listeners are called under that lock and must not block.
 */
final class StateEvents {
    private static final System.Logger LOG = System.getLogger(StateEvents.class.getName());

    private final List<StateListener> listeners = new ArrayList<>();

    synchronized Subscription subscribe(StateListener listener, Supplier<List<Wire.ServerSummary>> snapshot) {
        listener.snapshot(snapshot.get());
        listeners.add(listener);
        return () -> remove(listener);
    }

    /**
     * Publishes the event {@code make} builds under this lock: a summary read from a thread other than the
     * server's own is then never older than an event published before it.
     */
    synchronized void publish(Supplier<Wire.StateEvent> make) {
        publish(make.get());
    }

    synchronized void publish(Wire.StateEvent event) {
        for (StateListener listener : List.copyOf(listeners)) {
            try {
                listener.event(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "state listener failed", e);
            }
        }
    }

    /** How many listeners are registered (for tests that check subscriptions end with their connection). */
    synchronized int size() {
        return listeners.size();
    }

    private synchronized void remove(StateListener listener) {
        listeners.remove(listener);
    }
}
