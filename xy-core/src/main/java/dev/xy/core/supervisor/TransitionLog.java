package dev.xy.core.supervisor;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A server's most recent transitions, and the listeners that hear about each new one. */
final class TransitionLog {
    static final int KEPT = 50;
    private static final System.Logger LOG = System.getLogger(TransitionLog.class.getName());

    private final ArrayDeque<Transition> recent = new ArrayDeque<>();
    private final List<Consumer<Transition>> listeners = new CopyOnWriteArrayList<>();

    void addListener(Consumer<Transition> listener) {
        listeners.add(listener);
    }

    void record(Transition transition) {
        recent.addLast(transition);
        if (recent.size() > KEPT) {
            recent.removeFirst();
        }
    }

    /** Oldest first. */
    List<Transition> recent() {
        return List.copyOf(recent);
    }

    /** Tells every listener; one that throws is logged and does not stop the others. */
    void announce(Transition transition) {
        for (Consumer<Transition> listener : listeners) {
            try {
                listener.accept(transition);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "state listener failed", e);
            }
        }
    }
}
